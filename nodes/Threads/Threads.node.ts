import type { INodeTypeBaseDescription } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { ThreadsVersion } from './ThreadsVersion';

export class Threads extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Threads',
			name: 'threads',
			icon: { light: 'file:threads.svg', dark: 'file:threads.dark.svg' },
			group: ['output'],
			description:
				'Publish posts, carousels and replies to Meta Threads, and read threads, replies, insights and search results',
			defaultVersion: 2,
		};
		// Version 2 turns Quote Post ID, Reply To ID and Location ID into resource locators, puts Fields
		// inside Options and names resources as Threads does; version 1 keeps its parameters and
		// resources, so workflows saved with it load and run as before.
		super(
			{
				1: new ThreadsVersion(baseDescription, 1),
				2: new ThreadsVersion(baseDescription, 2),
			},
			baseDescription,
		);
	}
}
