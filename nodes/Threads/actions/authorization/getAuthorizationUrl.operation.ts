import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildAuthorizationUrl, withBasicScope } from '../../auth/tokenLifetime';
import { CREDENTIAL_TYPE } from '../../transport/request';
import { allowedApiBase } from '../../auth/apiHost';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Authorization URL',
	description: 'Build the URL that asks the Threads user to authorize the app',
	action: 'Get the authorization URL',
};

export const description: INodeProperties[] = [
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '',
		description:
			"Text Meta sends back with the code, to match the redirect to this request. Leave empty for a random one; put the same value in the credential's Expected State.",
		displayOptions: { show: { resource: ['authorization'], operation: ['getAuthorizationUrl'] } },
	},
];

/** pythreads `authorization_url`: built from the credential's app id, redirect URI and scopes. No request is made. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const clientId = String(credentials.appId ?? '').trim();
	const redirectUri = String(credentials.redirectUri ?? '').trim();
	if (!clientId) {
		throw new NodeOperationError(this.getNode(), 'The credential has no Threads App ID', {
			itemIndex,
		});
	}
	if (
		!/^https:\/\//.test(redirectUri) &&
		!/^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(redirectUri)
	) {
		throw new NodeOperationError(
			this.getNode(),
			"The credential's Redirect URI must be an https:// URL registered in the Threads app settings",
			{ itemIndex },
		);
	}
	const { base, problem } = allowedApiBase(credentials);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	const state =
		(this.getNodeParameter('state', itemIndex, '') as string).trim() ||
		randomBytes(16).toString('hex');
	const scopes = withBasicScope((credentials.scopes as string[] | undefined) ?? []);
	return {
		url: buildAuthorizationUrl({
			baseUrl: base,
			clientId,
			redirectUri,
			scopes,
			state,
		}),
		state,
		redirectUri,
		scopes,
	};
}
