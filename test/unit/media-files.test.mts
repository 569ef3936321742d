// Meta's rules for media files from binary data (type, size, the Media Type chosen), before any upload.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isLoopbackApiBase } from '../../nodes/Threads/auth/apiHost.ts';
import { fileContentType, mediaFileProblem, mediaKindOfType, normalizeMimeType } from '../../nodes/Threads/posts/mediaFiles.ts';
import type { PostSpec } from '../../nodes/Threads/posts/postSpec.ts';
import { postProblems } from '../../nodes/Threads/posts/postRules.ts';

const MB8 = 8 * 1024 * 1024;
const GB = 1024 * 1024 * 1024;
const LABEL = 'Input item 1\'s binary field "data" (a.jpg)';

test('content types: parameters and case dropped, common aliases resolved, untyped files typed by their extension', () => {
	assert.equal(normalizeMimeType('Image/JPG; charset=binary'), 'image/jpeg');
	assert.equal(normalizeMimeType('video/mov'), 'video/quicktime');
	assert.equal(fileContentType('application/octet-stream', 'clip.MOV'), 'video/quicktime');
	assert.equal(fileContentType('', 'photo.jpeg'), 'image/jpeg');
	assert.equal(fileContentType('image/png', 'photo.jpg'), 'image/png', "a real type wins over the name");
	assert.equal(fileContentType('application/octet-stream', 'notes.txt'), 'application/octet-stream');
	assert.equal(mediaKindOfType('image/png'), 'IMAGE');
	assert.equal(mediaKindOfType('video/mp4'), 'VIDEO');
	assert.equal(mediaKindOfType('image/gif'), undefined);
});

test('sizes at and over the limits: images 8 MB, videos 1 GB; empty files refused', () => {
	assert.equal(mediaFileProblem({ contentType: 'image/jpeg', size: MB8 }, 'IMAGE', LABEL), undefined);
	assert.equal(
		mediaFileProblem({ contentType: 'image/jpeg', size: MB8 + 1 }, 'IMAGE', LABEL),
		`${LABEL} is 8 MB (8388609 bytes): Threads accepts images of at most 8 MB (8388608 bytes)`,
	);
	assert.equal(mediaFileProblem({ contentType: 'video/mp4', size: GB }, 'VIDEO', LABEL), undefined);
	assert.match(mediaFileProblem({ contentType: 'video/quicktime', size: GB + 1 }, 'VIDEO', LABEL) ?? '', /videos of at most 1 GB/);
	assert.match(mediaFileProblem({ contentType: 'image/png', size: 0 }, 'IMAGE', LABEL) ?? '', /is empty/);
});

test('types: only JPEG/PNG images and MP4/MOV videos, and the kind must be the Media Type chosen', () => {
	assert.equal(
		mediaFileProblem({ contentType: 'image/webp', size: 10 }, 'IMAGE', LABEL),
		`${LABEL} is image/webp, not an image Threads accepts (JPEG or PNG)`,
	);
	assert.match(mediaFileProblem({ contentType: 'text/html', size: 10 }, undefined, LABEL) ?? '', /not an image \(JPEG or PNG\) or a video \(MP4 or MOV\)/);
	assert.equal(
		mediaFileProblem({ contentType: 'video/mp4', size: 10 }, 'IMAGE', LABEL),
		`${LABEL} is a video (video/mp4), but the Media Type is Image: choose Video or give a JPEG or PNG file`,
	);
	assert.equal(mediaFileProblem({ contentType: 'video/mp4', size: 10 }, undefined, LABEL), undefined, 'a carousel item that takes its type from the file');
});

test('a post whose media come from binary data is checked without URLs (the node fills them in)', () => {
	const spec: PostSpec = { mediaType: 'CAROUSEL', mediaFromBinary: true, carouselItems: [{ mediaType: 'IMAGE', url: '' }, { mediaType: 'VIDEO', url: '' }], options: {} };
	assert.deepEqual(postProblems(spec), []);
	assert.deepEqual(postProblems({ mediaType: 'IMAGE', mediaFromBinary: true, options: {} }), []);
	assert.match(postProblems({ ...spec, carouselItems: spec.carouselItems?.slice(0, 1) }).join(), /Carousel Items must hold 2 to 20/);
	assert.match(postProblems({ ...spec, mediaFromBinary: false }).join(), /Carousel Item 1 URL is required/);
});

test('media URLs may be local only when the API Base URL is on this machine (the sandbox)', () => {
	assert.equal(isLoopbackApiBase('http://127.0.0.1:5680'), true);
	assert.equal(isLoopbackApiBase('http://localhost:5680/'), true);
	assert.equal(isLoopbackApiBase(undefined), false, "Meta's default");
	assert.equal(isLoopbackApiBase('https://graph.threads.net'), false);
	assert.equal(isLoopbackApiBase('https://proxy.example.com'), false);
});
