package dev.pairwise.markdown;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import org.springframework.stereotype.Component;

/**
 * Renders untrusted Markdown (prompts, model outputs) to HTML that is safe to embed: raw
 * HTML in the source is escaped by the Markdown renderer, and the result is then passed
 * through an allow-list sanitiser as a second, independent line of defence. A single line
 * break is kept as a line break (CommonMark would join the lines into one paragraph):
 * poems, chat logs and lists written without Markdown must reach the rater as the model
 * wrote them. Templates call it as {@code @markdown.render(text)}.
 */
@Component("markdown")
public class MarkdownRenderer {

	private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.TABLES)
		.and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "br", "del", "s", "sup", "sub")
			.allowAttributes("class")
			.matching(Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}"))
			.onElements("code")
			.allowElements("a")
			.allowAttributes("href")
			.onElements("a")
			.allowUrlProtocols("https", "http", "mailto")
			.requireRelsOnLinks("nofollow", "noopener", "noreferrer")
			.toFactory());

	private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

	private final HtmlRenderer renderer = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		.escapeHtml(true)
		.sanitizeUrls(true)
		.softbreak("<br />\n")
		.build();

	public String render(String markdown) {
		if (markdown == null || markdown.isEmpty()) {
			return "";
		}
		return POLICY.sanitize(this.renderer.render(this.parser.parse(markdown)));
	}

}
