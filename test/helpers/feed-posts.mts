/**
 * Checks of what the feed examples posted, shared by the engine test and the real-n8n test: which
 * feed entries became posts (by the title that starts each post), and whether each post is valid
 * text (Publish's own rules, no markup or entity left, the title first).
 */
import type { PublishedPost } from '../../sandbox/index.mts';
import type { FeedItem } from '../fixtures/feed-items/index.mts';
import type { FeedEntry } from '../fixtures/feed-server.mts';
import { leftoverEntity, leftoverMarkup, publishProblems } from './feed-text-checks.mts';

export interface FeedPostCheck {
	/** Entries (by title) with exactly one post. */
	postedOnce: string[];
	/** Entries posted more than once. */
	duplicated: string[];
	/** Entries with no post. */
	missing: string[];
	/** Every problem found in the posts' text, "<title>: <problem>". */
	problems: string[];
}

/** The post of an entry starts with its title on a line of its own ("Feed 3\n\n..."), or is only it. */
const postsOf = (posts: PublishedPost[], title: string) =>
	posts.filter((post) => post.text === title || post.text.startsWith(`${title}\n`));

/**
 * The posts made from `entries` (entry n from corpus item `items[n-1]`, see entriesFrom), among
 * `posts`; each checked with the link attachment its container carried.
 */
export function checkFeedPosts(
	posts: PublishedPost[],
	entries: FeedEntry[],
	items: FeedItem[],
	linkAttachmentOf: (post: PublishedPost) => string | undefined = () => undefined,
): FeedPostCheck {
	const check: FeedPostCheck = { postedOnce: [], duplicated: [], missing: [], problems: [] };
	for (const entry of entries) {
		const found = postsOf(posts, entry.title);
		if (found.length === 0) check.missing.push(entry.title);
		else if (found.length > 1) check.duplicated.push(entry.title);
		else check.postedOnce.push(entry.title);
		const item = items[Number(entry.title.split(' ').pop()) - 1];
		for (const post of found) {
			const problems = [
				...publishProblems(post.text, linkAttachmentOf(post)),
				leftoverMarkup(post.text, item?.literalMarkup),
				leftoverEntity(post.text),
			].filter(Boolean);
			check.problems.push(...problems.map((problem) => `${entry.title}: ${problem}`));
		}
	}
	return check;
}
