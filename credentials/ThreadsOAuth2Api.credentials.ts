import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	ALL_SCOPES,
	DEFAULT_REFRESH_AFTER_DAYS,
	DEFAULT_SCOPES,
	META_API_BASE_URL,
	tokenForIssuingHostExpression,
} from '../nodes/Threads/auth/tokenLifetime';
import { runTokenLifecycle, TOKEN_FIELDS } from '../nodes/Threads/auth/tokenLifecycle';

const hidden = (name: string, secret = false): INodeProperties => ({
	displayName: name,
	name,
	type: 'hidden',
	default: '',
	typeOptions: secret ? { password: true } : undefined,
});

export class ThreadsOAuth2Api implements ICredentialType {
	name = 'threadsOAuth2Api';

	displayName = 'Threads OAuth2 API';

	icon: Icon = { light: 'file:threads.svg', dark: 'file:threads.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-meta-threads/n8n-nodes-meta-threads#create-the-meta-app-and-the-credential';

	properties: INodeProperties[] = [
		{
			displayName:
				'Threads tokens last 1 hour, or 60 days once exchanged, and must be refreshed while still valid. n8n\'s built-in OAuth2 "Connect" button cannot exchange or refresh them, so this credential does it itself: paste an authorization code (or a token from Meta\'s dashboard), save, and it keeps a long-lived token alive for every workflow that uses it. If no workflow uses it for 60 days, authorize again.',
			name: 'lifecycleNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Start From',
			name: 'authFlow',
			type: 'options',
			options: [
				{
					name: 'Authorization Code (Recommended)',
					value: 'authorizationCode',
					description:
						'Open the authorization URL, approve the app, paste the code or the whole redirected URL',
				},
				{
					name: "Access Token From Meta's Dashboard",
					value: 'accessToken',
					description:
						'A short- or long-lived token generated in the app dashboard (User Token Generator)',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Threads App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The Threads app ID (App Dashboard > Use cases > Threads API > Settings), not the Meta app ID',
		},
		{
			displayName: 'Threads App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The Threads app secret. Used only to exchange tokens; never sent with API calls.',
		},
		{
			displayName: 'Meta App Secret (Webhooks Only)',
			name: 'metaAppSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. The Meta app's own secret (App Dashboard > App settings > Basic), for the Threads Trigger when its Signature Secret option is Meta App Secret. Leave empty if webhook deliveries are signed with the Threads app secret.",
		},
		{
			displayName: 'Redirect URI',
			name: 'redirectUri',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/threads/callback',
			description:
				'Must be one of the redirect callback URLs set in the Threads app settings, exactly',
			displayOptions: { show: { authFlow: ['authorizationCode'] } },
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'multiOptions',
			options: ALL_SCOPES.map((scope) => ({ name: scope, value: scope })),
			default: DEFAULT_SCOPES,
			description: 'Permissions to ask for. threads_basic is always included.',
			displayOptions: { show: { authFlow: ['authorizationCode'] } },
		},
		{
			displayName:
				'Authorization URL: https://threads.net/oauth/authorize?client_id=APP_ID&redirect_uri=REDIRECT_URI&scope=threads_basic,threads_content_publish,...&response_type=code&state=ANY_RANDOM_TEXT (or run the Threads node\'s "Get Authorization URL" operation to have it built). Approve, then paste what you get below.',
			name: 'authorizationNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authFlow: ['authorizationCode'] } },
		},
		{
			displayName: 'Authorization Code or Redirected URL',
			name: 'authorizationCodeSecret',
			type: 'string',
			// A secret until used; as a password field n8n also keeps the editor from writing an old copy back.
			typeOptions: { password: true },
			default: '',
			description:
				'The code from the redirect, or the whole URL you were redirected to. Used once, within the hour, then cleared.',
			displayOptions: { show: { authFlow: ['authorizationCode'] } },
		},
		{
			displayName: 'Expected State',
			name: 'oauthState',
			type: 'string',
			default: '',
			description:
				'The state used in the authorization URL. When set and a whole redirected URL is pasted, a different state is refused.',
			displayOptions: { show: { authFlow: ['authorizationCode'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A short-lived token is exchanged for a long-lived one at once (needs the app secret). Cleared once the long-lived token is stored.',
			displayOptions: { show: { authFlow: ['accessToken'] } },
		},
		{
			displayName: 'Refresh After (Days)',
			name: 'refreshAfterDays',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 59 },
			default: DEFAULT_REFRESH_AFTER_DAYS,
			description:
				'Refresh the 60-day token once it is this old, at the first workflow run after that. Meta refuses refreshes of tokens under 1 day old.',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: META_API_BASE_URL,
			description:
				'Where the Threads API and its token endpoints are: https://graph.threads.net or https://graph.threads.com. Another host needs Allow a Custom Host.',
		},
		{
			displayName: 'Allow a Custom Host',
			name: 'allowCustomHost',
			type: 'boolean',
			default: false,
			description:
				"Whether the API Base URL may be a host other than Meta's: a proxy you run, or the local Threads sandbox. Plain http is allowed only for this machine.",
		},
		{
			displayName:
				'The app secret and the tokens are sent to the API Base URL. Use a custom host only if you run it. A token is only ever sent to the host that issued it: after changing the host, authorize again.',
			name: 'customHostNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { allowCustomHost: [true] } },
		},
		hidden(TOKEN_FIELDS.token, true),
		hidden(TOKEN_FIELDS.userId),
		hidden(TOKEN_FIELDS.username),
		hidden(TOKEN_FIELDS.issuedAt),
		hidden(TOKEN_FIELDS.expiresAt),
		hidden(TOKEN_FIELDS.refreshedAt),
		hidden(TOKEN_FIELDS.scopes),
		hidden(TOKEN_FIELDS.host),
		{
			displayName: 'Session',
			name: TOKEN_FIELDS.gate,
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await runTokenLifecycle(this.helpers.httpRequest, credentials);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: { access_token: tokenForIssuingHostExpression(TOKEN_FIELDS.token, TOKEN_FIELDS.host) },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl.replace(/\\/+$/, "")}}/v1.0',
			url: '/me',
			qs: { fields: 'id,username' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Threads rejected the access token: it expired or was revoked. Authorize again: paste a new authorization code (or access token) into this credential and save.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"The token lacks the threads_basic permission. Add it to the Threads app and the credential's scopes, then authorize again.",
				},
			},
		],
	};
}
