/**
 * Browser: running workflows from the real n8n editor. "Threads: publish a text post" (examples/) runs
 * from the Execute workflow button and the Threads node's output panel shows the post's id and permalink
 * as the sandbox published them; the same workflow with a 501-character text shows the node's
 * validation error (naming "Text" and the 500-character limit) in that panel, and nothing is published.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowser, signIn, type Editor } from './editor.mts';
import {
	PUBLISH_TEXT_WORKFLOW,
	startEditorRig,
	TOO_LONG_WORKFLOW,
	type EditorRig,
} from './n8n-rig.mts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const log = (line: string) => console.log(`# ${line}`);
let rig: EditorRig;
let editor: Editor;

/** Opens a workflow by name, clicks Execute workflow, waits for n8n's end-of-run toast. */
async function runFromEditor(page: Page, name: string, outcome: RegExp): Promise<void> {
	const id = rig.workflowIds.get(name)!;
	await editor.step('workflow-open', async () => {
		await page.goto(`${rig.url}/workflow/${id}`);
		await page
			.locator('[data-test-id="canvas-node"][data-node-name="Threads"]')
			.waitFor({ timeout: 60_000 });
		await page.getByTestId('execute-workflow-button').waitFor();
	});
	await editor.step('workflow-executed', async () => {
		// A plain click can land on the canvas pane above the button; dispatch it to the button itself.
		await page.getByTestId('execute-workflow-button').dispatchEvent('click');
		await page.getByText(outcome).first().waitFor({ timeout: 60_000 });
	});
}

/** Opens the Threads node's panel (double-click on the canvas) and returns its output panel. */
async function openThreadsOutput(page: Page) {
	await page.locator('[data-test-id="canvas-node"][data-node-name="Threads"]').dblclick();
	const output = page.getByTestId('ndv').getByTestId('output-panel');
	await output.waitFor();
	return output;
}

describe('workflows run from the editor', { timeout: 10 * 60_000 }, () => {
	before(async () => {
		rig = await startEditorRig(log);
		editor = await openBrowser('workflow-run', log);
		await signIn(editor, rig.url, rig.owner);
	});

	after(async () => {
		await editor?.close();
		await rig?.stop();
	});

	it(
		'publishes the example text post and shows its id and permalink',
		{ timeout: 90_000 },
		async () => {
			const { page } = editor;
			const before = rig.sandbox.published().length;
			await runFromEditor(page, PUBLISH_TEXT_WORKFLOW, /Workflow executed successfully/);
			const posts = rig.sandbox.published();
			assert.equal(posts.length, before + 1, 'the sandbox received one post');
			const post = posts[posts.length - 1];
			await editor.step('output-json', async () => {
				const output = await openThreadsOutput(page);
				await output.getByText('JSON', { exact: true }).click();
				await output.getByText(post.id).first().waitFor();
				await output.getByText(post.permalink).first().waitFor();
				// The JSON view puts keys and values on lines of their own.
				const text = await output.innerText();
				assert.match(text, new RegExp(`"id":\\s*"${escape(post.id)}"`));
				assert.match(text, new RegExp(`"permalink":\\s*"${escape(post.permalink)}"`));
			});
			await page.keyboard.press('Escape');
		},
	);

	it(
		'shows the 500-character rule for a 501-character text, and publishes nothing',
		{ timeout: 90_000 },
		async () => {
			const { page } = editor;
			const before = rig.sandbox.published().length;
			await runFromEditor(page, TOO_LONG_WORKFLOW, /Problem in node/);
			await editor.step('output-error', async () => {
				const output = await openThreadsOutput(page);
				const message = output.getByText(/^Text is 501 characters long/);
				await message.waitFor();
				assert.match(
					await message.innerText(),
					/^Text is 501 characters long .*the limit is 500$/s,
				);
				await output.getByText('Nothing was sent to Threads.').waitFor();
			});
			assert.equal(rig.sandbox.published().length, before, 'nothing was published');
			await page.keyboard.press('Escape');
		},
	);
});
