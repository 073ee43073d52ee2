package dev.pairwise.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.evalset.EvalSetFolderLoaded;
import dev.pairwise.importing.ImportRejectedException;
import dev.pairwise.importing.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads {@code outputs/<model>.jsonl} beside an eval set, for each model that has no
 * outputs in that set yet, so that files added to the folder later are picked up on the
 * next start.
 */
@Component
class OutputFolderListener {

	private static final Logger log = LoggerFactory.getLogger(OutputFolderListener.class);

	private static final String SUFFIX = ".jsonl";

	private final OutputImporter importer;

	private final OutputRepository repository;

	private final PairwiseProperties properties;

	OutputFolderListener(OutputImporter importer, OutputRepository repository, PairwiseProperties properties) {
		this.importer = importer;
		this.repository = repository;
		this.properties = properties;
	}

	@EventListener
	void loadOutputs(EvalSetFolderLoaded loaded) throws IOException {
		Path outputs = loaded.folder().resolve("outputs");
		if (!Files.isDirectory(outputs)) {
			return;
		}
		for (Path file : outputFiles(outputs)) {
			String fileName = file.getFileName().toString();
			String model = fileName.substring(0, fileName.length() - SUFFIX.length());
			boolean present = this.repository.findModelId(model)
				.map((modelId) -> this.repository.countOutputs(loaded.evalSet().id(), modelId) > 0)
				.orElse(false);
			if (present) {
				continue;
			}
			try (InputStream input = Files.newInputStream(file)) {
				ImportSummary summary = this.importer.importOutputs(loaded.evalSet(), Upload.of(file.toString(), input,
						this.properties.uploads().maxBytes(), this.properties.uploads().maxLine()), OutputFormat.JSONL,
						model);
				log.info("Loaded {} outputs of model {} for eval set {}", summary.total(), model,
						loaded.evalSet().label());
			}
			catch (ImportRejectedException ex) {
				log.error("Skipping {}: {}", file, String.join("; ", ex.describeErrors()));
			}
		}
	}

	private static List<Path> outputFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
		}
	}

}
