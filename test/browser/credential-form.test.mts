/**
 * Browser: the "Threads OAuth2 API" credential's create form in the real n8n editor (Credentials > Create
 * credential). It shows the notice and the "Start From" choice, and for each choice exactly the fields
 * the credential declares for it, with their labels. `npm run screenshots` saves the form as
 * docs/images/credential-form.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INodeProperties } from 'n8n-workflow';
import type { Page } from 'playwright-core';
import { ThreadsOAuth2Api } from '../../credentials/ThreadsOAuth2Api.credentials.ts';
import { openBrowser, saveForDocs, settle, signIn, type Editor } from './editor.mts';
import { startEditorRig, type EditorRig } from './n8n-rig.mts';

const log = (line: string) => console.log(`# ${line}`);
const credential = new ThreadsOAuth2Api();
const authFlow = credential.properties.find((p) => p.name === 'authFlow')!;
const choices = (authFlow.options ?? []) as Array<{ name: string; value: string }>;

/**
 * Fields the form shows for a "Start From" value, by the credential's own displayOptions, with every
 * other field at its default (Allow a Custom Host off, say).
 */
function fieldsFor(flow: string, type: 'input' | 'notice'): INodeProperties[] {
	const values: Record<string, unknown> = {
		...Object.fromEntries(credential.properties.map((p) => [p.name, p.default])),
		authFlow: flow,
	};
	return credential.properties.filter((p) => {
		if (p.type === 'hidden' || p.name === 'authFlow') return false;
		if ((p.type === 'notice') !== (type === 'notice')) return false;
		const show = p.displayOptions?.show ?? {};
		return Object.entries(show).every(([name, allowed]) =>
			(allowed as unknown[]).includes(values[name]),
		);
	});
}

let rig: EditorRig;
let editor: Editor;

async function openCreateForm(page: Page): Promise<void> {
	await editor.step('credentials-page', async () => {
		await page.goto(`${rig.url}/home/credentials`);
		await page.getByTestId('add-resource-credential').click();
		await page.getByTestId('new-credential-type-select').waitFor();
	});
	await editor.step('credential-type-chosen', async () => {
		await page.keyboard.type('Threads OAuth2');
		await page
			.getByTestId('new-credential-type-select-option')
			.filter({ hasText: credential.displayName })
			.click();
		await page.getByTestId('new-credential-type-button').click();
		await page
			.getByTestId('editCredential-modal')
			.getByTestId('parameter-input-authFlow')
			.waitFor();
	});
}

/** Checks that the form shows exactly the inputs and notices the credential declares for `flow`. */
async function checkFields(page: Page, flow: string): Promise<void> {
	const modal = page.getByTestId('editCredential-modal');
	for (const field of fieldsFor(flow, 'input')) {
		const row = modal
			.getByTestId('credential-connection-parameter')
			.filter({ has: page.getByTestId(`parameter-input-${field.name}`) });
		await row
			.first()
			.waitFor({ timeout: 10_000 })
			.catch(() => assert.fail(`"${field.displayName}" (${field.name}) is not shown for ${flow}`));
		const label = (await row.first().innerText()).split('\n')[0].replace(/\s*\*$/, '');
		assert.equal(label, field.displayName, `label of ${field.name}`);
	}
	for (const notice of fieldsFor(flow, 'notice'))
		await modal.getByText(notice.displayName.slice(0, 60)).waitFor({ timeout: 10_000 });
	const hidden = credential.properties.filter(
		(p) =>
			p.type !== 'hidden' &&
			p.name !== 'authFlow' &&
			!fieldsFor(flow, p.type === 'notice' ? 'notice' : 'input').includes(p),
	);
	assert.ok(
		hidden.length > 0,
		`every field is shown for ${flow}: nothing to tell the choices apart`,
	);
	for (const field of hidden) {
		const shown =
			field.type === 'notice'
				? modal.getByText(field.displayName.slice(0, 60))
				: modal.getByTestId(`parameter-input-${field.name}`);
		assert.equal(
			await shown.count(),
			0,
			`"${field.displayName}" is shown for ${flow}, but not declared for it`,
		);
	}
}

describe('the Threads OAuth2 API credential form in the editor', { timeout: 10 * 60_000 }, () => {
	before(async () => {
		rig = await startEditorRig(log);
		editor = await openBrowser('credential-form', log);
		await signIn(editor, rig.url, rig.owner);
	});

	after(async () => {
		await editor?.close();
		await rig?.stop();
	});

	it(
		'shows the notice, the Start From choice and the fields of each choice',
		{ timeout: 90_000 },
		async () => {
			const { page } = editor;
			assert.deepEqual(
				choices.map((c) => c.value),
				['authorizationCode', 'accessToken'],
			);
			await openCreateForm(page);
			const modal = page.getByTestId('editCredential-modal');
			const startFrom = modal.getByTestId('parameter-input-authFlow');
			const shot = await editor.step('authorization-code-fields', async () => {
				assert.equal(await startFrom.locator('input').inputValue(), choices[0].name);
				await checkFields(page, 'authorizationCode');
				await settle(page);
				return await editor.shot('credential-form');
			});
			saveForDocs(shot, 'credential-form', log);
			await editor.step('start-from-options', async () => {
				await startFrom.click();
				const options = page.locator('.el-select-dropdown__item:visible');
				await options.first().waitFor();
				const texts = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
				assert.deepEqual(
					texts,
					choices.map((c) => c.name),
				);
				await options.filter({ hasText: choices[1].name }).click();
			});
			await editor.step('access-token-fields', async () => {
				assert.equal(await startFrom.locator('input').inputValue(), choices[1].name);
				await checkFields(page, 'accessToken');
			});
		},
	);
});
