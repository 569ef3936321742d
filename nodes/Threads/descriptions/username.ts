import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * The username of a public profile. Version 1: one text field taking a name, @name or profile URL.
 * From version 2: a resource locator with By Username and By URL modes (there is no list of
 * profiles to pick from). Both are read by parseUsername, which accepts either form in either mode.
 */

const VERSION_1: IDisplayOptions['show'] = { '@version': [1] };
const FROM_VERSION_2: IDisplayOptions['show'] = { '@version': [{ _cnd: { gte: 2 } }] };

interface UsernameFieldOptions {
	displayName: string;
	name: string;
	description: string;
}

/** The version 1 text field. */
function usernameText(options: UsernameFieldOptions): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. zuck',
		description: options.description,
	};
}

/** The version 2 locator. */
function usernameLocator(options: UsernameFieldOptions): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'username', value: '' },
		description: options.description,
		modes: [
			{
				displayName: 'By Username',
				name: 'username',
				type: 'string',
				placeholder: 'e.g. zuck',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*@?[A-Za-z0-9._]{1,30}\\s*$',
							errorMessage: 'Not a Threads username (letters, digits, "." and "_", at most 30)',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://www.threads.net/@zuck',
				validation: [
					{
						type: 'regex',
						properties: {
							regex:
								'^\\s*https?://(?:www\\.)?threads\\.(?:net|com)/@[A-Za-z0-9._]{1,30}(?:/.*)?(?:[?#].*)?\\s*$',
							errorMessage: 'Not a Threads profile URL (https://www.threads.net/@username)',
						},
					},
				],
			},
		],
	};
}

/** A username field for each node version, each shown only for its versions (and `show`). */
export function versionedUsernameFields(
	options: UsernameFieldOptions & { show?: IDisplayOptions['show']; required?: boolean },
): INodeProperties[] {
	const { show, required } = options;
	return [
		{ field: usernameText(options), version: VERSION_1 },
		{ field: usernameLocator(options), version: FROM_VERSION_2 },
	].map(({ field, version }) => ({
		...field,
		...(required ? { required } : {}),
		displayOptions: { show: { ...show, ...version } },
	}));
}

/** The Username of a public profile (read with readUsernameParameter). */
export function usernameFields(show: IDisplayOptions['show']): INodeProperties[] {
	return versionedUsernameFields({
		displayName: 'Username',
		name: 'username',
		description:
			'Username of a public Threads profile with at least 100 followers: the name, @name, or the profile URL',
		show,
		required: true,
	});
}
