import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PostOptions } from '../posts/postSpec';
import {
	type TextAdjustment,
	type TextChoices,
	fitPostText,
	isDefaultChoice,
} from '../posts/postText';
import { type ThreadPart, partName } from '../posts/threadParts';
import type { PartFitting } from './threadParts';

/**
 * Publish Thread's text options. A text split automatically is cleaned first (Clean HTML; with Use
 * First as Link Attachment its first link becomes the root's Link Attachment unless one is set) and
 * always fits, being split. Listed parts and parts from input items are each cleaned, their links
 * limited and, with Shorten, shortened to leave room for their number; the root's first link may
 * become its Link Attachment, the replies' URLs are left out. What was done is collected for the
 * thread's output.
 */
export class ThreadTextFitting implements PartFitting {
	readonly adjusted = new Set<TextAdjustment>();
	linkAttachment: string | undefined;
	private readonly rootCanAttach: boolean;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly itemIndex: number,
		private readonly choices: TextChoices,
		rootOptions: PostOptions,
	) {
		this.linkAttachment = rootOptions.linkAttachment;
		this.rootCanAttach = !rootOptions.pollOptions && !rootOptions.textAttachment;
	}

	whole(text: string): string {
		if (!this.choices.cleanHtml) return text;
		const choices: TextChoices = { ...this.choices, whenTooLong: 'fail', moreLinks: 'fail' };
		return this.fit(text, 0, choices, this.rootCanAttach, undefined, 'Text');
	}

	part(part: ThreadPart, index: number, count: number, maxLength: number): ThreadPart {
		// Split Into a Thread is what Publish Thread does to a whole text; a part either fits or fails.
		const whenTooLong = this.choices.whenTooLong === 'shorten' ? 'shorten' : 'fail';
		const choices: TextChoices = { ...this.choices, whenTooLong };
		if (isDefaultChoice(choices)) return part;
		const isRoot = index === 0;
		const canAttach = isRoot && part.mediaType === 'TEXT' && this.rootCanAttach;
		const name = partName(index, count, part);
		return { ...part, text: this.fit(part.text, index, choices, canAttach, maxLength, name) };
	}

	private fit(
		text: string,
		index: number,
		choices: TextChoices,
		canAttach: boolean,
		maxLength: number | undefined,
		name: string,
	): string {
		let fitted;
		try {
			fitted = fitPostText(
				{
					text,
					// A reply's links are left out like the root's, but no reply takes an attachment.
					linkAttachment: index === 0 ? this.linkAttachment : undefined,
					canAttachLink: index === 0 ? canAttach : true,
					maxLength,
				},
				choices,
			);
		} catch (error) {
			throw new NodeOperationError(this.context.getNode(), `${name}: ${(error as Error).message}`, {
				itemIndex: this.itemIndex,
				description: 'Nothing was sent to Threads.',
			});
		}
		for (const done of fitted.adjusted) {
			if (done !== 'linkAttached' || index === 0) this.adjusted.add(done);
		}
		if (index === 0) this.linkAttachment = fitted.linkAttachment;
		return fitted.text;
	}
}
