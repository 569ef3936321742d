// Every path segment is an edge name or a numeric id: anything else is refused before a request, whoever built it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { IExecuteFunctions } from 'n8n-workflow';

import { createContainer } from '../../nodes/Threads/publishing/createContainer.ts';
import { getContainerStatus } from '../../nodes/Threads/publishing/containerStatus.ts';
import { threadsApiRequest } from '../../nodes/Threads/transport/request.ts';

function scripted(answers: unknown[] = []) {
	const urls: string[] = [];
	const context = {
		getCredentials: async () => ({ apiBaseUrl: 'http://127.0.0.1:9', allowCustomHost: true }),
		getNode: () => ({ id: 'n', name: 'Threads', type: 'threads', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { url: string }) => {
				urls.push(options.url);
				return { statusCode: 200, body: answers.shift() ?? {} };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, urls };
}

test('edge names and numeric ids pass', async () => {
	const { context, urls } = scripted();
	for (const path of ['/me', '/me/threads_publish', '/18050206876707110', '/18050206876707110/manage_pending_reply']) {
		await threadsApiRequest.call(context, { method: 'GET', path });
	}
	assert.equal(urls.length, 4);
});

test('any other segment is refused and nothing is sent', async () => {
	const { context, urls } = scripted();
	const bad = ['/1789/../me', '/1789?fields=x', '/1789#x', '/C8H5FiCvj4t', '/https:%2F%2Fevil.example', '/1789%2Fme', '/me//threads', '/ 1789', '/1234567890123456789012345678901'];
	for (const path of bad) {
		await assert.rejects(
			threadsApiRequest.call(context, { method: 'GET', path }),
			/^NodeOperationError: Refused to call Threads with ".*" in the request path: Threads IDs are numeric$|Refused to call Threads/,
			path,
		);
	}
	assert.equal(urls.length, 0);
});

test('an id returned by the API in an unexpected shape is refused before it is used in the next path', async () => {
	const { context, urls } = scripted([{ id: '1789/../../me/threads_publish?creation_id=1' }]);
	const id = await createContainer.call(context, { media_type: 'TEXT', text: 'hi' }, 0);
	await assert.rejects(getContainerStatus.call(context, id, 0), /Refused to call Threads/);
	assert.equal(urls.length, 1, 'only the creation was sent');
});
