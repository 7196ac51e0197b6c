/** The `html` tag: what is interpolated is text unless the tag itself made it. */
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../src/report/html.js';

describe('html', () => {
  it('escapes interpolated text, in content and in quoted attributes', () => {
    const value = `<script>alert("1")</script> & 'more'`;
    expect(html`<td title="${value}">${value}</td>`.markup).toBe(
      '<td title="&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; &#39;more&#39;">&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; &#39;more&#39;</td>',
    );
  });

  it('keeps markup it made, joins lists and renders nothing for false, null and undefined', () => {
    const items = ['a<b', 'c'].map((text) => html`<li>${text}</li>`);
    expect(html`<ul>${items}</ul>${false}${null}${undefined}${0}`.markup).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>0',
    );
  });

  it('escapes every character HTML gives meaning to, and nothing else', () => {
    expect(escapeHtml(`&<>"' plain ü`)).toBe('&amp;&lt;&gt;&quot;&#39; plain ü');
  });
});
