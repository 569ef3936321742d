// Sandbox extras: things other accounts (or the user, outside the API) do, as scripted streams for triggers.
import type { Env } from './context.mts';
import { CREATOR_USER_ID, DEFAULT_USER_ID, type MediaRecord, SMALL_USER_ID } from './state.mts';
import type { InjectMentionsOptions, InjectOptions, InjectPostsOptions, InjectRepliesOptions, SimulateReplyOptions } from './types.mts';

const MAX_COUNT = 1000;

/** Epoch ms, digits or an ISO date; default the sandbox clock's now. */
export function parseWhen(env: Env, value: unknown): number {
	if (value === undefined || value === null || value === '') return env.clock.now();
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string') {
		if (/^\d+$/.test(value.trim())) return Number(value.trim());
		const ms = Date.parse(value);
		if (!Number.isNaN(ms)) return ms;
	}
	throw new Error(`timestamp must be epoch milliseconds or an ISO date, got ${JSON.stringify(value)}`);
}

/** Text and timestamp of item i (0-based) of a stream. */
function stream(env: Env, opts: InjectOptions, fallbackText: string): Array<{ text: string; timestamp: number }> {
	const count = opts.count ?? 1;
	if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) throw new Error(`count must be an integer from 1 to ${MAX_COUNT}`);
	const stepMs = opts.stepMs ?? 0;
	if (typeof stepMs !== 'number' || !Number.isFinite(stepMs)) throw new Error('stepMs must be a number of milliseconds');
	if (opts.text !== undefined && typeof opts.text !== 'string') throw new Error('text must be a string');
	const start = parseWhen(env, opts.timestamp);
	return Array.from({ length: count }, (_, i) => ({
		text: (opts.text ?? fallbackText).replaceAll('{n}', String(i + 1)),
		timestamp: start + i * stepMs,
	}));
}

/** Another account replies to a post (default replier: public_creator, or small_account on public_creator's posts). */
export function simulateReply(env: Env, opts: SimulateReplyOptions): string {
	const target = env.state.liveMedia(opts.to);
	if (!target) throw new Error(`simulateReply: no media ${opts.to}`);
	const replier = opts.username
		? env.state.userByName(opts.username)
		: env.state.users.get(target.ownerId === CREATOR_USER_ID ? SMALL_USER_ID : CREATOR_USER_ID);
	if (!replier) throw new Error(`simulateReply: unknown user ${opts.username}`);
	const rootId = target.rootId ?? target.id;
	const root = env.state.media.get(rootId)!;
	const gated = root.enableReplyApprovals && replier.id !== root.ownerId;
	const reply = env.state.addMedia({
		ownerId: replier.id,
		mediaType: 'TEXT_POST',
		text: opts.text ?? `Reply from @${replier.username}`,
		timestamp: parseWhen(env, opts.timestamp),
		replyToId: target.id,
		rootId,
		approvalStatus: opts.pending === true || gated ? 'pending' : undefined,
	});
	env.events.created(reply);
	return reply.id;
}

export function injectReplies(env: Env, opts: InjectRepliesOptions): string[] {
	if (!opts || typeof opts.to !== 'string') throw new Error('to (the id of the post replied to) is required');
	// A single reply without text keeps simulateReply's default text ("Reply from @username").
	const keepDefault = opts.text === undefined && opts.count === undefined;
	return stream(env, opts, 'Reply {n}').map(({ text, timestamp }) =>
		simulateReply(env, { to: opts.to, text: keepDefault ? undefined : text, username: opts.username, timestamp, pending: opts.pending }),
	);
}

function post(env: Env, ownerId: string, text: string, timestamp: number): MediaRecord {
	const media = env.state.addMedia({ ownerId, mediaType: 'TEXT_POST', text, timestamp });
	env.events.created(media);
	return media;
}

/** Posts by another account mentioning a user (default sandbox_user); `@user ` is put first when the text lacks it. */
export function injectMentions(env: Env, opts: InjectMentionsOptions = {}): string[] {
	const author = env.state.userByName(opts.username ?? 'public_creator');
	if (!author) throw new Error(`unknown user ${opts.username}`);
	const mentioned = opts.mentioned ? env.state.userByName(opts.mentioned) : env.state.users.get(DEFAULT_USER_ID);
	if (!mentioned) throw new Error(`unknown user ${opts.mentioned}`);
	if (author.id === mentioned.id) throw new Error('a mention must come from another account than the mentioned one');
	const handle = `@${mentioned.username}`;
	const mentions = new RegExp(`(^|[^\\w.])${handle}\\b`, 'i');
	return stream(env, opts, `Hey ${handle}, mention {n}`).map(({ text, timestamp }) =>
		post(env, author.id, mentions.test(text) ? text : `${handle} ${text}`, timestamp).id,
	);
}

/** Published posts of a user (default the default user) without the container flow; not counted in quotas. */
export function injectPosts(env: Env, opts: InjectPostsOptions = {}): string[] {
	const ownerId = opts.userId ?? DEFAULT_USER_ID;
	if (!env.state.users.has(ownerId)) throw new Error(`unknown user id ${ownerId}`);
	return stream(env, opts, 'Post {n}').map(({ text, timestamp }) => post(env, ownerId, text, timestamp).id);
}
