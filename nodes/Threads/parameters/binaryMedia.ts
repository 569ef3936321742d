import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fileContentType } from '../posts/mediaFiles';

/** Where a post's image or video comes from (version 2's Media Source; version 1 has URLs only). */
export type MediaSource = 'url' | 'binaryField' | 'signedUrl';

export const MEDIA_SOURCES: readonly MediaSource[] = ['url', 'binaryField', 'signedUrl'];

/** The Media Source of an item; URL when the node's version has no such field. */
export function readMediaSource(context: IExecuteFunctions, itemIndex: number): MediaSource {
	const value = context.getNodeParameter('mediaSource', itemIndex, 'url') as string;
	if ((MEDIA_SOURCES as readonly string[]).includes(value)) return value as MediaSource;
	throw new NodeOperationError(
		context.getNode(),
		`Media Source must be URL, Binary Field or Signed URL From This Instance, got "${String(value).slice(0, 40)}"`,
		{ itemIndex, description: 'Nothing was sent to Threads.' },
	);
}

/** One file of binary data, as the node found it on an input item. */
export interface BinaryFile {
	/** The input item holding it. */
	inputItem: number;
	/** Its binary property name, e.g. `data`. */
	property: string;
	binary: IBinaryData;
	fileName?: string;
	/** Normalized; from the file name's extension when the binary has no real type. */
	contentType: string;
	/** Bytes. */
	size: number;
	/** For messages: `input item 2's binary field "data" (cat.png)`. */
	label: string;
}

function describe(inputItem: number, property: string, fileName: string | undefined): string {
	return `input item ${inputItem + 1}'s binary field "${property}"${fileName ? ` (${fileName})` : ''}`;
}

async function byteSize(context: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
	// Binary data held in memory: its base64 text, measured without decoding it.
	return Buffer.byteLength(binary.data ?? '', 'base64');
}

/**
 * The binary file in `property` of input item `inputItem`, with its type and size read from n8n's
 * metadata (no bytes are loaded). A missing field fails naming the item and the fields it has.
 */
export async function readBinaryFile(
	context: IExecuteFunctions,
	inputItem: number,
	property: string,
	fieldName = 'Input Binary Field',
): Promise<BinaryFile> {
	const name = property.trim();
	const fields = context.getInputData()[inputItem]?.binary ?? {};
	if (name === '') {
		throw new NodeOperationError(
			context.getNode(),
			`${fieldName} is empty: name the binary property that holds the file (often "data")`,
			{ itemIndex: inputItem, description: 'Nothing was uploaded or sent to Threads.' },
		);
	}
	if (!fields[name]) {
		const present = Object.keys(fields);
		throw new NodeOperationError(
			context.getNode(),
			`Input item ${inputItem + 1} has no binary field "${name}"${present.length ? `: its binary fields are ${present.map((field) => `"${field}"`).join(', ')}` : ': it holds no binary data'}`,
			{
				itemIndex: inputItem,
				description: `Nothing was uploaded or sent to Threads. Set ${fieldName} to the binary property that holds the file (the previous node's output, Binary tab).`,
			},
		);
	}
	const binary = context.helpers.assertBinaryData(inputItem, name);
	const fileName = binary.fileName || undefined;
	return {
		inputItem,
		property: name,
		binary,
		fileName,
		contentType: fileContentType(binary.mimeType, fileName),
		size: await byteSize(context, binary),
		label: describe(inputItem, name, fileName),
	};
}
