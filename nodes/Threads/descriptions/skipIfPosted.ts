import type { INodeProperties } from 'n8n-workflow';

import { MAX_SKIP_MINUTES } from '../parameters/skipIfPosted';

/**
 * Skip If Already Posted Within (Minutes), in the Options of Publish and Reply > Create from
 * version 2: a re-run of the same input finds the post instead of sending it again.
 */
export const skipIfPostedField: INodeProperties = {
	displayName: 'Skip If Already Posted Within (Minutes)',
	name: 'skipIfPostedWithinMinutes',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: MAX_SKIP_MINUTES, numberPrecision: 0 },
	description:
		'A re-run of the same input, e.g. after a crash or a webhook sent twice, finds the post instead of posting again: before anything is sent, your posts of this many minutes are read (one read per item) for one of the same kind and text (a reply: to the same post), returned with status ALREADY_PUBLISHED. Identical items of one run each need their own earlier post. 0: off.',
	displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
};
