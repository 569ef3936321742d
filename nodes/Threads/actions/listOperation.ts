import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import type { ThreadsRequest } from '../transport/request';
import { resolvePostParameter } from '../parameters/references';
import { listProperties } from '../descriptions/listFields';
import { readListParameters } from '../parameters/listParameters';
import type { ListConfig } from '../reading/listKinds';
import { fetchPostList } from '../reading/postList';
import { postLocator } from '../descriptions/common';
import { namingOperationScopes } from '../transport/operationScopes';

/** What one item's list is read from, before paging. */
export type ListSource = Pick<ThreadsRequest, 'path' | 'qs'> & { scope: string; action: string };

export interface ListOperationConfig<Item> {
	show: IDisplayOptions['show'];
	list: ListConfig;
	/** The operation's own parameters, shown before the list's. */
	properties?: INodeProperties[];
	/** Reads and checks the operation's own parameters, before the list's (no request). */
	readItem?: (context: IExecuteFunctions, itemIndex: number) => Item;
	/** The list to read; a function may make requests of its own (e.g. to resolve a post URL). */
	source:
		| ListSource
		| ((
				this: IExecuteFunctions,
				itemIndex: number,
				item: Item,
		  ) => Promise<ListSource> | ListSource);
	/** A missing permission is restated with all these scopes, and the hint added. */
	operationScopes?: { scopes: readonly string[]; hint: string };
}

export interface ListOperation {
	description: INodeProperties[];
	/** Marks a list: Return All, Limit, Simplify and the list options, by construction. */
	isList: true;
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]>;
}

/** An operation that lists posts or replies, built from what sets it apart from the others. */
export function listOperation<Item = undefined>(config: ListOperationConfig<Item>): ListOperation {
	return {
		isList: true,
		description: [...(config.properties ?? []), ...listProperties(config.show, config.list)],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const item = config.readItem?.(this, itemIndex) as Item;
			const parameters = readListParameters(this, itemIndex, config.list);
			const source =
				typeof config.source === 'function'
					? await config.source.call(this, itemIndex, item)
					: config.source;
			const request = { ...source, itemIndex };
			if (!config.operationScopes) return await fetchPostList(this, request, parameters);
			const { scopes, hint } = config.operationScopes;
			return await namingOperationScopes(
				this,
				{ scopes, action: source.action, itemIndex, hint },
				async () => await fetchPostList(this, request, parameters),
			);
		},
	};
}

export interface ListUnderPostConfig<Item> extends Omit<ListOperationConfig<Item>, 'source'> {
	/** What the Post parameter picks, for its description. */
	postDescription: string;
	/** The list to read under the resolved post. */
	source: (postId: string, item: Item) => ListSource;
}

/** A list under the post the Post parameter picks by ID or URL (its replies, conversation, ...). */
export function listUnderPost<Item = undefined>(config: ListUnderPostConfig<Item>): ListOperation {
	const { postDescription, properties = [], source, ...rest } = config;
	return listOperation<Item>({
		...rest,
		properties: [
			postLocator({
				displayName: 'Post',
				name: 'postId',
				description: postDescription,
				show: config.show,
			}),
			...properties,
		],
		async source(itemIndex, item) {
			const postId = await resolvePostParameter.call(this, itemIndex);
			return source(postId, item);
		},
	});
}
