import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { DEFAULT_WAIT, type PostOptions, type WaitSettings } from '../posts/postSpec';
import { parameterText } from '../shared/ids';

/** Reads the Options collection of a publishing operation: Meta's container options and the waiting settings. */

type OptionKey = keyof PostOptions;

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const result = typeof value === 'string' ? value : String(value);
	return result === '' ? undefined : result;
}

function parseStyling(value: unknown): unknown {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') return value;
	// Not an array on purpose when unparsable: validation then names the field.
	return jsonParse(value, { fallbackValue: value });
}

/** Reads the options collection into a PostOptions (no checks: see postProblems). */
export function readPostOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'options',
): PostOptions {
	const raw = context.getNodeParameter(parameterName, itemIndex, {}) as IDataObject;
	const options: PostOptions = {
		altText: text(raw.altText),
		// Plain strings in version 1, resource locators from version 2: parameterText reads both.
		replyToId: text(parameterText(raw.replyToId)),
		replyControl: text(raw.replyControl),
		quotePostId: text(parameterText(raw.quotePostId)),
		linkAttachment: text(raw.linkAttachment)?.trim(),
		topicTag: text(raw.topicTag),
		gifId: text(raw.gifId)?.trim(),
		locationId: text(parameterText(raw.locationId)),
	};
	const choices = (raw.poll as IDataObject | undefined)?.choices as IDataObject | undefined;
	if (choices) {
		options.pollOptions = ['optionA', 'optionB', 'optionC', 'optionD'].map(
			(key) => text(choices[key]) ?? '',
		);
	}
	const ranges = (raw.textSpoilers as IDataObject | undefined)?.range as IDataObject[] | undefined;
	if (ranges?.length) {
		options.textSpoilers = ranges.map((range) => ({
			offset: Number(range.offset),
			length: Number(range.length),
		}));
	}
	const attachment = (raw.textAttachment as IDataObject | undefined)?.attachment as
		| IDataObject
		| undefined;
	if (attachment) {
		options.textAttachment = {
			plaintext: text(attachment.plaintext) ?? '',
			linkUrl: text(attachment.linkUrl)?.trim(),
			styling: parseStyling(attachment.styling),
		};
	}
	const countries = text(raw.allowlistedCountries);
	if (countries) {
		options.allowlistedCountries = countries
			.split(',')
			.map((code) => code.trim().toUpperCase())
			.filter(Boolean);
	}
	for (const key of [
		'spoilerMedia',
		'ghostPost',
		'replyApprovals',
		'autoPublishText',
		'shareToInstagram',
	] as const) {
		if (raw[key] === true) options[key] = true;
	}
	// Reply control "everyone" is Meta's default: sending it changes nothing, leaving it out keeps
	// carousel items and other restricted containers free of it.
	if (options.replyControl === 'everyone') delete options.replyControl;
	for (const key of Object.keys(options) as OptionKey[]) {
		if (options[key] === undefined) delete options[key];
	}
	return options;
}

/** Reads the waiting and output settings of the options collection. */
export function readWaitSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'options',
): WaitSettings & { checkQuota: boolean; overQuota: 'fail' | 'defer' } {
	const raw = context.getNodeParameter(parameterName, itemIndex, {}) as IDataObject;
	const maxWait = raw.maxWait === undefined ? undefined : Number(raw.maxWait);
	return {
		maxWaitMs: maxWait === undefined ? DEFAULT_WAIT.maxWaitMs : maxWait * 1000,
		concurrency: raw.concurrency === undefined ? DEFAULT_WAIT.concurrency : Number(raw.concurrency),
		includePermalink: raw.includePermalink !== false,
		checkQuota: raw.checkQuota !== false,
		overQuota: raw.overQuota === 'defer' ? 'defer' : 'fail',
	};
}

/** Keep Uploaded Files: whether media uploaded from binary data stay on the storage. */
export function readKeepUploads(
	context: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'options',
): boolean {
	const raw = context.getNodeParameter(parameterName, itemIndex, {}) as IDataObject;
	return raw.keepUploadedFiles === true;
}
