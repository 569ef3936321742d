/**
 * HTML character references: every HTML 4 named entity, the HTML 5 names feeds commonly use, and
 * numeric references, decoded the way browsers do (Windows-1252 for 128-159, invalid code points
 * replaced by U+FFFD).
 */

const REPLACEMENT = 0xfffd;

/** HTML 4's Latin-1 names, in code point order from U+00A0. */
const LATIN_1 = (
	'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
	'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
	'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
	'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
	'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave ' +
	'iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc ' +
	'uuml yacute thorn yuml'
).split(' ');

/** Greek capitals from U+0391 (U+03A2 is unassigned) and small letters from U+03B1. */
const GREEK_CAPITALS =
	'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho - Sigma Tau Upsilon Phi Chi Psi Omega'.split(
		' ',
	);
const GREEK_SMALL =
	'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega'.split(
		' ',
	);

/** The other HTML 4 names and the HTML 5 names seen in feeds, as name:code point (decimal). */
const OTHERS =
	'quot:34 amp:38 lt:60 gt:62 apos:39 OElig:338 oelig:339 Scaron:352 scaron:353 Yuml:376 ' +
	'fnof:402 circ:710 tilde:732 thetasym:977 upsih:978 piv:982 ensp:8194 emsp:8195 thinsp:8201 ' +
	'zwnj:8204 zwj:8205 lrm:8206 rlm:8207 ndash:8211 mdash:8212 lsquo:8216 rsquo:8217 sbquo:8218 ' +
	'ldquo:8220 rdquo:8221 bdquo:8222 dagger:8224 Dagger:8225 bull:8226 hellip:8230 permil:8240 ' +
	'prime:8242 Prime:8243 lsaquo:8249 rsaquo:8250 oline:8254 frasl:8260 euro:8364 image:8465 ' +
	'weierp:8472 real:8476 trade:8482 alefsym:8501 larr:8592 uarr:8593 rarr:8594 darr:8595 ' +
	'harr:8596 crarr:8629 lArr:8656 uArr:8657 rArr:8658 dArr:8659 hArr:8660 forall:8704 part:8706 ' +
	'exist:8707 empty:8709 nabla:8711 isin:8712 notin:8713 ni:8715 prod:8719 sum:8721 minus:8722 ' +
	'lowast:8727 radic:8730 prop:8733 infin:8734 ang:8736 and:8743 or:8744 cap:8745 cup:8746 ' +
	'int:8747 there4:8756 sim:8764 cong:8773 asymp:8776 ne:8800 equiv:8801 le:8804 ge:8805 ' +
	'sub:8834 sup:8835 nsub:8836 sube:8838 supe:8839 oplus:8853 otimes:8855 perp:8869 sdot:8901 ' +
	'lceil:8968 rceil:8969 lfloor:8970 rfloor:8971 lang:10216 rang:10217 loz:9674 spades:9824 ' +
	'clubs:9827 hearts:9829 diams:9830 ' +
	// HTML 5
	'Tab:9 NewLine:10 excl:33 QUOT:34 num:35 dollar:36 percnt:37 AMP:38 lpar:40 rpar:41 ast:42 ' +
	'plus:43 comma:44 period:46 sol:47 colon:58 semi:59 LT:60 equals:61 GT:62 quest:63 commat:64 ' +
	'lsqb:91 lbrack:91 bsol:92 rsqb:93 rbrack:93 Hat:94 lowbar:95 grave:96 lcub:123 lbrace:123 ' +
	'verbar:124 vert:124 rcub:125 rbrace:125 COPY:169 REG:174 centerdot:183 half:189 emsp13:8196 ' +
	'emsp14:8197 numsp:8199 puncsp:8200 ThinSpace:8201 hairsp:8202 ZeroWidthSpace:8203 ' +
	'hyphen:8208 dash:8208 horbar:8213 bullet:8226 mldr:8230 nldr:8229 TRADE:8482 MediumSpace:8287 ' +
	'NoBreak:8288 starf:9733 star:9734 check:10003 cross:10007';

function buildTable(): Map<string, number> {
	const table = new Map<string, number>();
	LATIN_1.forEach((name, index) => table.set(name, 0xa0 + index));
	GREEK_CAPITALS.forEach((name, index) => name !== '-' && table.set(name, 0x391 + index));
	GREEK_SMALL.forEach((name, index) => table.set(name, 0x3b1 + index));
	for (const pair of OTHERS.split(' ')) {
		const [name, code] = pair.split(':');
		table.set(name, Number(code));
	}
	return table;
}

const NAMED = buildTable();

/** Names browsers also decode without the semicolon ("&amp" "&nbsp"), longest first. */
const WITHOUT_SEMICOLON = ['nbsp', 'quot', 'copy', 'amp', 'reg', 'lt', 'gt'];

/** Numeric references to 128-159 mean Windows-1252 characters, as in browsers. */
const WINDOWS_1252: Record<number, number> = {
	0x80: 0x20ac,
	0x82: 0x201a,
	0x83: 0x0192,
	0x84: 0x201e,
	0x85: 0x2026,
	0x86: 0x2020,
	0x87: 0x2021,
	0x88: 0x02c6,
	0x89: 0x2030,
	0x8a: 0x0160,
	0x8b: 0x2039,
	0x8c: 0x0152,
	0x8e: 0x017d,
	0x91: 0x2018,
	0x92: 0x2019,
	0x93: 0x201c,
	0x94: 0x201d,
	0x95: 0x2022,
	0x96: 0x2013,
	0x97: 0x2014,
	0x98: 0x02dc,
	0x99: 0x2122,
	0x9a: 0x0161,
	0x9b: 0x203a,
	0x9c: 0x0153,
	0x9e: 0x017e,
	0x9f: 0x0178,
};

function isInvalidCodePoint(code: number): boolean {
	return (
		code === 0 ||
		code > 0x10ffff ||
		(code >= 0xd800 && code <= 0xdfff) ||
		(code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
		(code >= 0x7f && code <= 0x9f) ||
		(code >= 0xfdd0 && code <= 0xfdef) ||
		(code & 0xfffe) === 0xfffe
	);
}

/** The character a numeric reference stands for; U+FFFD for what no text may contain. */
export function characterForCode(code: number): string {
	const mapped = WINDOWS_1252[code] ?? code;
	return String.fromCodePoint(isInvalidCodePoint(mapped) ? REPLACEMENT : mapped);
}

const REFERENCE = /&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*)(;?)/g;

function decodeNumeric(body: string): string {
	const hex = body[1] === 'x' || body[1] === 'X';
	const code = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
	return characterForCode(Number.isFinite(code) ? code : REPLACEMENT);
}

/** A name without its semicolon: in text the longest legacy prefix is decoded; in attributes only a whole name. */
function decodeBare(name: string, following: string, inAttribute: boolean): string | undefined {
	if (inAttribute) {
		if (!WITHOUT_SEMICOLON.includes(name) || following === '=') return undefined;
		return String.fromCodePoint(NAMED.get(name) ?? REPLACEMENT);
	}
	const legacy = WITHOUT_SEMICOLON.find((candidate) => name.startsWith(candidate));
	if (!legacy) return undefined;
	return String.fromCodePoint(NAMED.get(legacy) ?? REPLACEMENT) + name.slice(legacy.length);
}

/** Decodes every character reference; an unknown name stays as written, as in browsers. */
export function decodeEntities(text: string, inAttribute = false): string {
	if (!text.includes('&')) return text;
	return text.replace(REFERENCE, (whole, body: string, semicolon: string, offset: number) => {
		if (body[0] === '#') return decodeNumeric(body);
		if (semicolon) {
			const code = NAMED.get(body);
			return code === undefined ? whole : String.fromCodePoint(code);
		}
		return decodeBare(body, text.charAt(offset + whole.length), inAttribute) ?? whole;
	});
}

/**
 * Repairs references escaped twice ("&amp;#8217;", "&amp;quot;"), a common publishing bug in feeds:
 * the inner reference is decoded too. "&amp;lt;" and "&amp;gt;" stay "&lt;" "&gt;" once decoded, as
 * those are how a page shows markup as text.
 */
export function decodeEntitiesTwiceEscaped(text: string): string {
	const repaired = text.replace(
		/&amp;(#[0-9]+;|#[xX][0-9a-fA-F]+;|([A-Za-z][A-Za-z0-9]*);)/g,
		(whole, inner: string, name: string | undefined) =>
			name === undefined || (NAMED.has(name) && name !== 'lt' && name !== 'gt')
				? `&${inner}`
				: whole,
	);
	return decodeEntities(repaired);
}
