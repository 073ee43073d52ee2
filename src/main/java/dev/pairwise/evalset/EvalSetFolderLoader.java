package dev.pairwise.evalset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.importing.ImportRejectedException;
import dev.pairwise.importing.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads every folder of {@code eval-sets/} that is not in the database yet (same name and
 * version: skipped). A broken folder is reported in the log and does not stop the others.
 */
@Component
@Order(1)
class EvalSetFolderLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(EvalSetFolderLoader.class);

	private final PairwiseProperties properties;

	private final EvalSetRepository repository;

	private final EvalSetImporter importer;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	EvalSetFolderLoader(PairwiseProperties properties, EvalSetRepository repository, EvalSetImporter importer,
			ApplicationEventPublisher events, JsonMapper json) {
		this.properties = properties;
		this.repository = repository;
		this.importer = importer;
		this.events = events;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Path root = this.properties.evalSets();
		if (root == null || !Files.isDirectory(root)) {
			log.info("No eval-sets folder at {}; starting without bundled eval sets", root);
			return;
		}
		for (Path folder : folders(root)) {
			load(folder).ifPresent((ref) -> this.events.publishEvent(new EvalSetFolderLoaded(ref, folder)));
		}
	}

	private Optional<EvalSetRef> load(Path folder) throws IOException {
		Path setFile = folder.resolve("set.json");
		Path itemsFile = folder.resolve("items.jsonl");
		if (!Files.isRegularFile(setFile) || !Files.isRegularFile(itemsFile)) {
			log.warn("Skipping {}: an eval-set folder needs set.json and items.jsonl", folder);
			return Optional.empty();
		}
		EvalSetHeader header;
		try {
			header = readHeader(setFile);
		}
		catch (JacksonException ex) {
			log.error("Skipping {}: set.json is not valid JSON ({})", folder, ex.getOriginalMessage());
			return Optional.empty();
		}
		Optional<EvalSetRef> existing = this.repository.findRef(header.name(), header.version());
		if (existing.isPresent()) {
			return existing;
		}
		try (InputStream items = Files.newInputStream(itemsFile)) {
			EvalSetSummary loaded = this.importer.importItems(header, Upload.of(itemsFile.toString(), items,
					this.properties.uploads().maxBytes(), this.properties.uploads().maxLine()));
			log.info("Loaded eval set {} {} from {}: {} items", loaded.name(), loaded.version(), folder,
					loaded.items());
			return Optional.of(loaded.ref());
		}
		catch (ImportRejectedException ex) {
			log.error("Skipping {}: {}", folder, String.join("; ", ex.describeErrors()));
			return Optional.empty();
		}
	}

	private EvalSetHeader readHeader(Path setFile) {
		JsonNode set = this.json.readTree(setFile.toFile());
		List<String> categories = new ArrayList<>();
		set.path("categories").forEach((category) -> categories.add(category.asString()));
		return new EvalSetHeader(set.path("name").asString(null), set.path("version").asString(null),
				set.path("title").asString(null), set.path("description").asString(null),
				set.path("source").asString(null), set.path("license").asString(null), categories);
	}

	private static List<Path> folders(Path root) throws IOException {
		try (Stream<Path> children = Files.list(root)) {
			return children.filter(Files::isDirectory).sorted().toList();
		}
	}

}
