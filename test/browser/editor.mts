/**
 * The browser side of the browser tests: Debian's Chromium driven by playwright-core, signed in through
 * n8n's real sign-in page, with a numbered PNG of every step in an artifacts folder outside git
 * ($THREADS_BROWSER_ARTIFACTS, or ~/.cache/n8n-nodes-meta-threads/browser-artifacts/<day>-run<pid>).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mts';
import type { Owner } from '../../scripts/n8n/instance.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const VIEWPORT = { width: 1280, height: 800 };

let runFolder: string | undefined;

/**
 * The artifacts folder of this test file: `<base>/<label>`, emptied and printed on first use. The base is
 * $THREADS_BROWSER_ARTIFACTS, or one folder per run under the cache, named after the day and the test
 * runner's pid (every file of one `node --test` run is a child of the same runner).
 */
export function artifactsFolder(label: string): string {
	if (!runFolder) {
		const base =
			process.env.THREADS_BROWSER_ARTIFACTS ??
			path.join(
				process.env.N8N_THREADS_CACHE ??
					path.join(os.homedir(), '.cache', 'n8n-nodes-meta-threads'),
				'browser-artifacts',
				`${new Date().toISOString().slice(0, 10)}-run${process.ppid}`,
			);
		runFolder = path.join(base, label);
		rmSync(runFolder, { recursive: true, force: true });
		mkdirSync(runFolder, { recursive: true });
		console.log(`# browser screenshots: ${runFolder}`);
	}
	return runFolder;
}

export interface Editor {
	page: Page;
	/** Saves a screenshot of the page as `<NN>-<name>.png` in the artifacts folder; returns its path. */
	shot(name: string): Promise<string>;
	/** Runs `body`, then saves a screenshot named after the step (`FAILED-<name>` if it threw, then rethrows). */
	step<T>(name: string, body: () => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export async function openBrowser(label: string, log: (line: string) => void): Promise<Editor> {
	const executablePath = ensureChromium(log);
	selectors.setTestIdAttribute('data-test-id'); // n8n's editor marks its elements with data-test-id
	const folder = artifactsFolder(label);
	// A fresh profile every time (launchPersistentContext passes it as --user-data-dir).
	const profile = mkdtempSync(path.join(os.tmpdir(), 'threads-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath,
			headless: true,
			args: CHROMIUM_ARGS.filter((arg) => arg !== '--headless'),
			viewport: VIEWPORT,
			timeout: 60_000,
		});
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
	context.setDefaultTimeout(20_000);
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (error) => log(`page error: ${error.message.slice(0, 300)}`));
	let counter = 0;
	const shot = async (name: string) => {
		const file = path.join(
			folder,
			`${String(++counter).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`,
		);
		await page.screenshot({ path: file });
		return file;
	};
	return {
		page,
		shot,
		async step(name, body) {
			try {
				const result = await body();
				await shot(name);
				return result;
			} catch (error) {
				await shot(`FAILED-${name}`).catch(() => undefined);
				throw error;
			}
		},
		async close() {
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Signs in through n8n's sign-in page and waits for the editor's home page. */
export async function signIn(editor: Editor, baseUrl: string, owner: Owner): Promise<void> {
	const { page } = editor;
	await page.goto(`${baseUrl}/signin`);
	await page.locator('#emailOrLdapLoginId').fill(owner.email);
	await page.locator('#password').fill(owner.password);
	await editor.shot('sign-in-filled');
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	await dismissPopups(page);
}

/** Closes whatever n8n pops up on a first visit (modals, toasts), if anything. */
export async function dismissPopups(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) {
		const modal = page.locator('.el-overlay:visible .el-dialog__headerbtn:visible').first();
		if (!(await modal.isVisible().catch(() => false))) break;
		await modal.click().catch(() => undefined);
	}
	await page.keyboard.press('Escape');
}

/**
 * With THREADS_DOCS_SCREENSHOTS=1 (`npm run screenshots`), copies a step's screenshot to
 * docs/images/<name>.png for the README; otherwise does nothing.
 */
export function saveForDocs(screenshot: string, name: string, log: (line: string) => void): void {
	if (process.env.THREADS_DOCS_SCREENSHOTS !== '1') return;
	const target = path.join(repoRoot, 'docs', 'images', `${name}.png`);
	mkdirSync(path.dirname(target), { recursive: true });
	copyFileSync(screenshot, target);
	log(`saved ${path.relative(repoRoot, target)}`);
}

/** Moves the mouse away and blurs the focused field, so a screenshot shows no hover or focus decoration. */
export async function settle(page: Page): Promise<void> {
	await page.mouse.move(0, 0);
	await page.evaluate('document.activeElement && document.activeElement.blur()');
	await page.waitForTimeout(300);
}
