import { nonexistingField, param } from './errors.mts';

export interface FieldSpec {
	name: string;
	sub?: FieldSpec[];
}

/** Parses Graph field lists, including nested ones: "id,owner{id},poll_attachment{option_a,option_b}". */
export function parseFields(raw: string | undefined, defaults: string[]): FieldSpec[] {
	if (raw === undefined || raw.trim() === '') return defaults.map((name) => ({ name }));
	let pos = 0;
	const parseList = (closing: boolean): FieldSpec[] => {
		const out: FieldSpec[] = [];
		let name = '';
		const flush = (sub?: FieldSpec[]) => {
			const trimmed = name.trim();
			if (trimmed) out.push(sub ? { name: trimmed, sub } : { name: trimmed });
			else if (sub) throw param('Syntax error in the fields parameter');
			name = '';
		};
		while (pos < raw.length) {
			const ch = raw[pos++];
			if (ch === ',') flush();
			else if (ch === '{') {
				const sub = parseList(true);
				flush(sub);
				while (raw[pos] === ' ') pos++;
				if (raw[pos] === ',') pos++;
			} else if (ch === '}') {
				if (!closing) throw param('Syntax error in the fields parameter');
				flush();
				return out;
			} else name += ch;
		}
		if (closing) throw param('Syntax error in the fields parameter: missing }');
		flush();
		return out;
	};
	return parseList(false);
}

/**
 * Renders an object through a field list. `resolve` returns the value of a known field (undefined = absent,
 * omitted like Meta does) or throws for unknown ones via `known`.
 */
export function project(
	fields: FieldSpec[],
	known: readonly string[],
	nodeType: string,
	resolve: (field: FieldSpec) => unknown,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const field of fields) {
		if (!known.includes(field.name)) throw nonexistingField(field.name, nodeType);
		const value = resolve(field);
		if (value !== undefined) out[field.name] = value;
	}
	return out;
}

/** Picks sub-fields of a plain object value: poll_attachment{option_a}. */
export function pick(value: Record<string, unknown> | undefined, sub?: FieldSpec[]): Record<string, unknown> | undefined {
	if (!value || !sub) return value;
	const out: Record<string, unknown> = {};
	for (const field of sub) if (value[field.name] !== undefined) out[field.name] = value[field.name];
	return out;
}
