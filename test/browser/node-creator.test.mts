/**
 * Browser: a user looking for the node in the real n8n editor. The node creator finds "Threads" (the node
 * and its trigger, shown with the trigger's description on an empty canvas), and its Post > Get action
 * opens the node's panel with the Post field as a resource locator (By ID / By URL). `npm run screenshots` saves that panel as docs/images/node-panel.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { THREADS_NODE_TYPE, THREADS_TRIGGER_NODE_TYPE } from '../../scripts/n8n/threads-types.mts';
import { openBrowser, saveForDocs, settle, signIn, type Editor } from './editor.mts';
import { startEditorRig, type EditorRig } from './n8n-rig.mts';

let rig: EditorRig;
let editor: Editor;
let description: string;

async function expectPlaceholder(input: Locator, pattern: RegExp): Promise<void> {
	const deadline = Date.now() + 10_000;
	let placeholder: string | null = null;
	while (Date.now() < deadline) {
		placeholder = await input.getAttribute('placeholder');
		if (placeholder && pattern.test(placeholder)) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	assert.fail(`placeholder ${JSON.stringify(placeholder)} does not match ${pattern}`);
}

/** A new workflow, its node creator open and "threads" typed into the search. */
async function searchThreads(): Promise<void> {
	const { page } = editor;
	await editor.step('new-workflow', async () => {
		await page.goto(`${rig.url}/workflow/new`);
		await page.getByTestId('canvas-plus-button').waitFor({ timeout: 60_000 });
	});
	await editor.step('node-creator-search-threads', async () => {
		await page.getByTestId('canvas-plus-button').click();
		await page.getByTestId('node-creator-search-bar').waitFor();
		await page.keyboard.type('threads');
		await page
			.getByTestId('node-creator-item-name')
			.getByText('Threads', { exact: true })
			.waitFor();
		// The polling trigger is an entry of its own (n8n merges only "<app> Trigger" into the app, and
		// drops "Trigger" from the names it lists as triggers).
		await page
			.getByTestId('node-creator-item-name')
			.getByText('Threads Poll', { exact: true })
			.waitFor();
		const shown = page
			.getByTestId('node-creator-item-description')
			.filter({ hasText: description });
		await shown.waitFor();
		assert.equal((await shown.innerText()).trim(), description);
	});
}

const log = (line: string) => console.log(`# ${line}`);

describe('the Threads node in the editor', { timeout: 10 * 60_000 }, () => {
	before(async () => {
		rig = await startEditorRig(log);
		const types = (await (await rig.server.login()).nodeTypes()) as Array<{
			name: string;
			description?: string;
		}>;
		// On an empty canvas the node creator lists triggers, and n8n shows a node and its trigger as one
		// entry, "Threads", with the trigger's description.
		description = types.find((type) => type.name === THREADS_TRIGGER_NODE_TYPE)?.description ?? '';
		assert.ok(description, `${THREADS_TRIGGER_NODE_TYPE} has no description in /types/nodes.json`);
		assert.ok(types.some((type) => type.name === THREADS_NODE_TYPE && type.description));
		editor = await openBrowser('node-creator', log);
		await signIn(editor, rig.url, rig.owner);
	});

	after(async () => {
		await editor?.close();
		await rig?.stop();
	});

	it(
		'finds the Threads node (with its webhook trigger) and the Threads Poll Trigger by "threads"',
		{ timeout: 90_000 },
		async () => {
			await searchThreads();
		},
	);

	it(
		"opens Post > Get with its Post field as a resource locator: From List (the sandbox's posts), By URL, By ID",
		{ timeout: 90_000 },
		async () => {
			const { page } = editor;
			await searchThreads();
			await editor.step('threads-actions', async () => {
				await page
					.getByTestId('node-creator-item-name')
					.getByText('Threads', { exact: true })
					.click();
				// On an empty canvas the Threads Trigger's events come first and the actions are folded.
				await page.getByText(/^Actions \(\d+\)$/).click();
				await page.getByText('Get a post', { exact: true }).waitFor();
				// Version 2's actions, each once: the credential's under Authorization, none of version 1's User.
				await page.getByText('Get token info', { exact: true }).waitFor();
				assert.equal(await page.getByText('Get token info', { exact: true }).count(), 1);
				assert.equal(await page.getByText('Get many mentions', { exact: true }).count(), 1);
				assert.equal(await page.getByText('Get mentions', { exact: true }).count(), 0);
			});
			const panel = page.getByTestId('ndv');
			await editor.step('node-panel-post-get', async () => {
				await page.getByText('Get a post', { exact: true }).click();
				await panel.waitFor();
				await panel.getByTestId('resource-locator-postId').waitFor();
				assert.equal(
					await panel.getByTestId('parameter-input-resource').locator('input').inputValue(),
					'Post',
				);
				assert.equal(
					await panel.getByTestId('parameter-input-operation').locator('input').inputValue(),
					'Get',
				);
				assert.equal(
					await panel.getByTestId('rlc-mode-selector').locator('input').inputValue(),
					'From list',
				);
				assert.equal(
					await panel.getByTestId('rlc-input').getAttribute('placeholder'),
					'Select a post...',
				);
			});
			await editor.step('post-locator-modes', async () => {
				await panel.getByTestId('rlc-mode-selector').click();
				const modes = page.locator('.el-select-dropdown__item:visible');
				await modes.filter({ hasText: 'By URL' }).waitFor();
				assert.deepEqual(
					(await modes.allInnerTexts()).map((text) => text.trim()),
					['From list', 'By URL', 'By ID'],
				);
				await modes.filter({ hasText: 'By URL' }).click();
				await expectPlaceholder(
					panel.getByTestId('rlc-input'),
					/^e\.g\. https:\/\/www\.threads\.net\/@/,
				);
			});
			let postId = '';
			const picked = await editor.step('post-picked-from-list', async () => {
				// A post in the sandbox, published straight through its API, for the list to show.
				const url = new URL(`${rig.sandbox.url}/v1.0/me/threads`);
				url.search = new URLSearchParams({
					media_type: 'TEXT',
					text: 'Picked from the list',
					auto_publish_text: 'true',
					access_token: rig.sandbox.issueToken(),
				}).toString();
				const published = (await (await fetch(url, { method: 'POST' })).json()) as { id: string };
				postId = published.id;
				await panel.getByTestId('rlc-mode-selector').click();
				await page
					.locator('.el-select-dropdown__item:visible')
					.filter({ hasText: 'From List' })
					.click();
				await panel.getByTestId('rlc-input').click();
				const item = page.getByTestId('rlc-item').filter({ hasText: 'Picked from the list' });
				await item.first().waitFor({ timeout: 20_000 });
				await item.first().click();
				await panel.getByTestId('node-execute-button').first().click();
				const output = panel.getByTestId('output-panel');
				await output.getByText('JSON', { exact: true }).click();
				await output.getByText(published.id).first().waitFor({ timeout: 20_000 });
				assert.match(await output.innerText(), /Picked from the list/);
				await settle(page);
				return await editor.shot('node-panel');
			});
			saveForDocs(picked, 'node-panel', log);
			await editor.step('post-deleted-from-list', async () => {
				await panel.getByTestId('parameter-input-operation').click();
				await page
					.locator('.el-select-dropdown__item:visible')
					.filter({ hasText: /^Delete/ })
					.first()
					.click();
				await panel.getByTestId('resource-locator-postId').waitFor();
				await panel.getByTestId('rlc-input').click();
				const item = page.getByTestId('rlc-item').filter({ hasText: 'Picked from the list' });
				await item.first().waitFor({ timeout: 20_000 });
				await item.first().click();
				await panel.getByTestId('node-execute-button').first().click();
				const output = panel.getByTestId('output-panel');
				await output.getByText('"deleted"').first().waitFor({ timeout: 20_000 });
				assert.match(
					await output.innerText(),
					new RegExp(`"deleted":\\s*true[\\s\\S]*"id":\\s*"${postId}"`),
				);
				assert.equal(
					rig.sandbox.published().find((post) => post.id === postId)?.deleted,
					true,
					'the post picked from the list is deleted in the sandbox',
				);
			});
		},
	);
});
