/**
 * Prompt templates: `{name}` and `{nested__field}` variables filled from an item's data.
 *
 * @module
 */
import { ConfigError } from '../spec/errors.js';

/** Template variables: an item's data flattened with `__` (`{ customer: { name } }` → `customer__name`). */
export type TemplateVariables = Readonly<Record<string, string>>;

// `{name}` where name is an identifier; `{{` and `}}` are literal braces, so JSON examples survive.
const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * An item's data as template variables: nested objects flattened with `__`, arrays and other
 * values as JSON, strings as they are.
 *
 * @example
 * ```ts
 * flattenVariables({ customer: { name: 'Acme' }, id: 7 }); // { customer__name: 'Acme', id: '7' }
 * ```
 */
export function flattenVariables(data: Readonly<Record<string, unknown>>, prefix = ''): TemplateVariables {
  const variables: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    const name = `${prefix}${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      Object.assign(variables, flattenVariables(value as Record<string, unknown>, `${name}__`));
    } else {
      variables[name] = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    }
  }
  return variables;
}

/**
 * The template with every `{name}` replaced by its variable.
 *
 * @throws {ConfigError} naming the unknown variable and listing the available ones
 * @example
 * ```ts
 * fillTemplate('Invoice for {customer__name}', { customer__name: 'Acme' }); // 'Invoice for Acme'
 * ```
 */
export function fillTemplate(
  template: string,
  variables: TemplateVariables,
  option = 'systemPrompt',
): string {
  return template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return whole[0] ?? '';
    const value = variables[name];
    if (value !== undefined) return value;
    const available = Object.keys(variables);
    throw new ConfigError(
      `The prompt uses {${name}}, which the item does not have (${available.length ? `available: ${available.map((v) => `{${v}}`).join(', ')}` : 'it has no variables'}); fix the name, pass it in the run's variables, or write {{${name}}} for literal braces.`,
      { option },
    );
  });
}
