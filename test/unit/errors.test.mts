import assert from 'node:assert/strict';
import { test } from 'node:test';

import { classifyMetaError } from '../../nodes/Threads/shared/metaErrors.ts';
import { redactSecrets } from '../../nodes/Threads/shared/redact.ts';
import { describeFailure } from '../../nodes/Threads/transport/errors.ts';

const cases: Array<[Record<string, unknown>, number, string]> = [
	[{ code: 190, error_subcode: 463, message: 'Session has expired' }, 401, 'expiredToken'],
	[{ code: 190, message: 'Invalid OAuth access token' }, 401, 'invalidToken'],
	[{ code: 10, message: '(#10) Application does not have permission for this action' }, 403, 'missingPermission'],
	[{ code: 200, message: 'Permissions error' }, 403, 'missingPermission'],
	[{ code: 100, message: '(#100) The parameter text must be at most 500 characters' }, 400, 'invalidParameter'],
	[{ code: 4, message: 'Application request limit reached' }, 400, 'throttled'],
	[{ code: 17 }, 400, 'throttled'],
	[{ code: 341 }, 400, 'throttled'],
	[{ code: 2, is_transient: true }, 500, 'transient'],
	[{ code: 1 }, 500, 'transient'],
	[{ code: 24, error_subcode: 4279009 }, 400, 'mediaNotFound'],
	// Publishing twice: recognised by its subcode whatever the message says (Meta's wording may change or be translated).
	[{ code: 100, error_subcode: 4279023, message: '(#100) The media container has already been published' }, 400, 'alreadyPublished'],
	[{ code: 100, error_subcode: 4279023, message: 'Le conteneur multimédia a déjà été publié' }, 400, 'alreadyPublished'],
	[{ code: 100, error_subcode: 4279023 }, 400, 'alreadyPublished'],
	[{ code: 100, message: 'This media has already been published' }, 400, 'alreadyPublished'],
	[{ code: 1, error_subcode: 2207052 }, 400, 'mediaDownloadFailed'],
	[{ code: 9, error_subcode: 2207042 }, 400, 'quotaReached'],
	[{ code: 368 }, 400, 'temporarilyBlocked'],
	[{}, 503, 'transient'],
];

for (const [body, status, kind] of cases) {
	test(`Meta error ${JSON.stringify(body)} (HTTP ${status}) is ${kind}`, () => {
		assert.equal(classifyMetaError(body, status), kind);
	});
}

test('a missing permission names the scope', () => {
	const { message } = describeFailure({ kind: 'missingPermission', body: { code: 10 } }, { scope: 'threads_delete' });
	assert.match(message, /"threads_delete"/);
});

test('an invalid parameter names the parameter Meta rejected', () => {
	const { message } = describeFailure({ kind: 'invalidParameter', body: { code: 100, message: '(#100) Param topic_tag is invalid' } });
	assert.equal(message, 'Threads rejected the parameter "topic_tag"');
});

test('an unreachable media URL says the URL must be public', () => {
	assert.match(describeFailure({ kind: 'mediaDownloadFailed' }).description, /publicly reachable/);
});

test('expired tokens say to authorize again', () => {
	assert.match(describeFailure({ kind: 'expiredToken' }).description, /authorize again/);
});

test('tokens and secrets are redacted from any text', () => {
	const text = redactSecrets('GET /me?access_token=THAAabc123&client_secret=s3cr3t Bearer abc.def THQVJ01234567890123456789abc');
	assert.ok(!/THAAabc123|s3cr3t|abc\.def|THQVJ0123/.test(text), text);
});
