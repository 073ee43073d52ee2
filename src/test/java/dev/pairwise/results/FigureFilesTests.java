package dev.pairwise.results;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.ImageIO;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results figure as PNG and PDF over real HTTP: transcoded from the SVG of the same
 * query, so the PNG has twice the SVG's size and the PDF carries its title and caption (n
 * and B) as text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FigureFilesTests {

	private static final Pattern HEIGHT = Pattern.compile("<svg [^>]*height=\"(\\d+)\"");

	@LocalServerPort
	int port;

	@Test
	void thePngAndThePdfAreTheSvgOfTheSameQuery() throws IOException, DataFormatException {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		StudyFixture fixture = new StudyFixture(admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		for (int i = 1; i <= 12; i++) {
			items.put("q" + i, new String[] { (i % 2 == 0) ? "planning" : "creativity", "zero-shot" });
		}
		String evalSet = fixture.evalSet("figure", items);
		for (String model : List.of("flan", "base", "tuned")) {
			Map<String, String> texts = new LinkedHashMap<>();
			items.keySet().forEach((item) -> texts.put(item, model + " answer to " + item));
			fixture.outputs(evalSet, model, texts);
		}
		long study = fixture.study(evalSet, List.of("flan", "base", "tuned"));
		assertThat(fixture
			.importJsonl(study, "panel", StudyFixture.syntheticJudgments(List.of("flan", "base", "tuned"), 12, 90, 18))
			.status()).isEqualTo(201);
		String query = "?ties=exclude&bootstrap=300";
		String svg = admin.get("/studies/" + study + "/results.svg" + query).body();
		Matcher height = HEIGHT.matcher(svg);
		assertThat(height.find()).isTrue();

		BufferedImage png = ImageIO
			.read(new ByteArrayInputStream(admin.getBytes("/studies/" + study + "/results.png" + query)));
		assertThat(png.getWidth()).isEqualTo(2 * 900);
		assertThat(png.getHeight()).isEqualTo(2 * Integer.parseInt(height.group(1)));
		assertThat(png.getRGB(0, 0) & 0xffffff).as("white background").isEqualTo(0xffffff);

		byte[] pdf = admin.getBytes("/studies/" + study + "/results.pdf" + query);
		assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		String text = pageText(pdf);
		assertThat(text).contains("n = 90 judgments", "B = 300 bootstrap replicates (ties excluded)",
				"Win rate of flan against each other model (ties excluded)");
	}

	/**
	 * The text the PDF's content streams show: each stream inflated, the strings of its
	 * text operators joined (FOP writes one string per run of glyphs, with kerning
	 * numbers between runs).
	 */
	private static String pageText(byte[] pdf) throws DataFormatException {
		String raw = new String(pdf, StandardCharsets.ISO_8859_1);
		StringBuilder text = new StringBuilder();
		Matcher stream = Pattern.compile("(?<!end)stream\r?\n").matcher(raw);
		while (stream.find()) {
			int start = stream.end();
			int end = raw.indexOf("endstream", start);
			Inflater inflater = new Inflater();
			inflater.setInput(pdf, start, end - start);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			while (!inflater.finished() && !inflater.needsInput()) {
				int n = inflater.inflate(buffer);
				if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
					break;
				}
				out.write(buffer, 0, n);
			}
			String content = out.toString(StandardCharsets.ISO_8859_1);
			Matcher strings = Pattern.compile("\\(((?:\\\\.|[^\\\\)])*)\\)").matcher(content);
			while (strings.find()) {
				text.append(strings.group(1).replace("\\(", "(").replace("\\)", ")"));
			}
			text.append('\n');
		}
		return text.toString();
	}

}
