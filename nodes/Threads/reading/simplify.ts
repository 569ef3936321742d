import type { IDataObject } from 'n8n-workflow';

/** Fields Meta returns as `{ id }` objects; simplified to `<field>_id`. */
const REFERENCE_FIELDS = ['owner', 'quoted_post', 'reposted_post', 'root_post', 'replied_to'];

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ data: [...] }` to the array. */
function unwrapData(value: unknown): unknown {
	return isObject(value) && Array.isArray(value.data) ? value.data : value;
}

/**
 * One flat object per post: references (`owner: {id}`) become `owner_id`, Meta's `{ data: [...] }`
 * wrappers become arrays, and carousel children their own simplified objects. Field names stay Meta's.
 */
export function simplifyPost(post: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(post)) {
		if (REFERENCE_FIELDS.includes(key) && isObject(value)) {
			out[`${key}_id`] = value.id === undefined ? null : String(value.id);
			continue;
		}
		if (key === 'children') {
			const children = unwrapData(value);
			out.children = (
				Array.isArray(children)
					? children.map((child) => (isObject(child) ? simplifyPost(child) : child))
					: children
			) as IDataObject[];
			continue;
		}
		if (key === 'text_entities') {
			out.text_entities = unwrapData(value) as IDataObject[];
			continue;
		}
		out[key] = value as IDataObject[keyof IDataObject];
	}
	return out;
}

export function simplifyPosts(posts: IDataObject[], simple: boolean): IDataObject[] {
	return simple ? posts.map(simplifyPost) : posts;
}
