package dev.pairwise.evalset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.pairwise.PairwiseApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up against a real H2 file database in an empty data folder: eval-sets/ is loaded
 * once, and a restart on the same data loads nothing twice but picks up new output files.
 */
class EvalSetFolderLoaderTests {

	@TempDir
	Path data;

	@TempDir
	Path evalSets;

	@Test
	void loadsEvalSetFoldersOnceAcrossRestarts() throws IOException {
		Path folder = Files.createDirectories(this.evalSets.resolve("tiny"));
		Files.writeString(folder.resolve("set.json"), """
				{"name": "tiny", "version": "1.0", "title": "Tiny set", "categories": ["planning", "creativity"],
				 "settings": ["zero-shot"], "source": "written for this test", "license": "CC0"}""");
		Files.writeString(folder.resolve("items.jsonl"), """
				{"id": "planning-01", "category": "planning", "setting": "zero-shot", "prompt": "Plan a move."}
				{"id": "creativity-01", "category": "creativity", "setting": "zero-shot", "prompt": "A poem."}
				""");
		Files.createDirectories(folder.resolve("outputs"));
		Files.writeString(folder.resolve("outputs/model-a.jsonl"), """
				{"item_id": "planning-01", "output": "Pack boxes."}
				{"item_id": "creativity-01", "output": "Roses are red."}
				""");

		try (ConfigurableApplicationContext app = start()) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(count(jdbc, "eval_set")).isEqualTo(1);
			assertThat(count(jdbc, "item")).isEqualTo(2);
			assertThat(count(jdbc, "output")).isEqualTo(2);
			assertThat(jdbc.sql("select title from eval_set").query(String.class).single()).isEqualTo("Tiny set");
		}

		Files.writeString(folder.resolve("outputs/model-b.jsonl"), """
				{"item_id": "planning-01", "output": "Hire movers."}
				""");
		try (ConfigurableApplicationContext app = start()) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(count(jdbc, "eval_set")).isEqualTo(1);
			assertThat(count(jdbc, "item")).isEqualTo(2);
			assertThat(count(jdbc, "output")).isEqualTo(3);
		}
	}

	@Test
	void skipsABrokenFolderAndLoadsTheOthers() throws IOException {
		Path broken = Files.createDirectories(this.evalSets.resolve("a-broken"));
		Files.writeString(broken.resolve("set.json"), "{\"name\": \"broken\", \"version\": \"1\"}");
		Files.writeString(broken.resolve("items.jsonl"), "{\"id\": \"x\", \"category\": \"c\"}\n");
		Path good = Files.createDirectories(this.evalSets.resolve("b-good"));
		Files.writeString(good.resolve("set.json"), "{\"name\": \"good\", \"version\": \"1\"}");
		Files.writeString(good.resolve("items.jsonl"),
				"{\"id\": \"x\", \"category\": \"c\", \"setting\": \"few-shot\", \"prompt\": \"p\"}\n");

		try (ConfigurableApplicationContext app = start()) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select name from eval_set").query(String.class).list()).containsExactly("good");
			assertThat(count(jdbc, "item")).isEqualTo(1);
		}
	}

	@Test
	void startsWithAnEmptyOrMissingEvalSetsFolder() {
		this.evalSets = this.evalSets.resolve("does-not-exist");
		try (ConfigurableApplicationContext app = start()) {
			assertThat(count(app.getBean(JdbcClient.class), "eval_set")).isZero();
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(PairwiseApplication.class).run("--server.port=0",
				"--pairwise.data-dir=" + this.data, "--pairwise.eval-sets=" + this.evalSets,
				"--pairwise.admin.password=loader-test", "--spring.main.banner-mode=off");
	}

	private static int count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

}
