package dev.pairwise.results.stats;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The style of one response as Chatbot Arena's style control measures it (FastChat,
 * {@code fastchat/serve/monitor/add_markdown_info.py}): its length, and after fenced code
 * blocks are removed, its Markdown headers ({@code #} to {@code ######} at a line start),
 * bold spans ({@code **…**} or {@code __…__} within a line) and list items (a line
 * starting with {@code -}, {@code *}, {@code +} or {@code 1.}). Arena counts length in
 * tokens of its tokenizer; Pairwise has no tokenizer for every model and counts Unicode
 * code points of the whole response.
 *
 * @param length code points
 * @param headers Markdown headers
 * @param bold bold spans
 * @param listItems ordered and unordered list items
 */
public record StyleFeatures(int length, int headers, int bold, int listItems) {

	private static final Pattern CODE_BLOCK = Pattern.compile("```([^`]*)```");

	private static final Pattern HEADER = Pattern.compile("^#{1,6}\\s", Pattern.MULTILINE);

	private static final Pattern ORDERED = Pattern.compile("^\\s*\\d+\\.\\s", Pattern.MULTILINE);

	private static final Pattern UNORDERED = Pattern.compile("^\\s*[-*+]\\s", Pattern.MULTILINE);

	private static final Pattern BOLD_STARS = Pattern.compile("\\*\\*[^*\\n]+\\*\\*");

	private static final Pattern BOLD_UNDERSCORES = Pattern.compile("__[^_\\n]+__");

	public static StyleFeatures of(String response) {
		String prose = CODE_BLOCK.matcher(response).replaceAll("");
		return new StyleFeatures(response.codePointCount(0, response.length()), count(HEADER, prose),
				count(BOLD_STARS, prose) + count(BOLD_UNDERSCORES, prose),
				count(ORDERED, prose) + count(UNORDERED, prose));
	}

	/** The four features in the order of the model's coefficients. */
	double[] values() {
		return new double[] { this.length, this.headers, this.bold, this.listItems };
	}

	private static int count(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
