package dev.pairwise.transfer;

import java.nio.charset.CharacterCodingException;
import java.util.function.Consumer;

import dev.pairwise.bundle.BundleElement;
import dev.pairwise.audit.AuditSection;
import dev.pairwise.evalset.EvalSetSection;
import dev.pairwise.exclusion.ExclusionSection;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.JsonLine;
import dev.pairwise.importing.Upload;
import dev.pairwise.output.OutputSection;
import dev.pairwise.rating.RatingSection;
import dev.pairwise.study.StudySection;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a study bundle and stores it as a new study, in one transaction: any problem
 * refuses the whole bundle, with the line and field of each. The bundle streams through
 * (one row at a time, inserted in batches), so its size is bounded by the upload limit,
 * not the heap. This reads the bundle's frame (format, version, the sections in their
 * order) and hands each section's rows to the feature that owns its tables: the eval set
 * and outputs are reused when this instance already has them with the same content and
 * created when it has not, the study and its rows are created, and raters get a fresh
 * random token hash, so their old links do not open the copy.
 */
@Service
class StudyImporter {

	private final JsonMapper json;

	private final EvalSetSection evalSets;

	private final OutputSection outputs;

	private final StudySection studies;

	private final RatingSection ratings;

	private final ExclusionSection exclusions;

	private final AuditSection audit;

	StudyImporter(JsonMapper json, EvalSetSection evalSets, OutputSection outputs, StudySection studies,
			RatingSection ratings, ExclusionSection exclusions, AuditSection audit) {
		this.audit = audit;
		this.exclusions = exclusions;
		this.json = json;
		this.evalSets = evalSets;
		this.outputs = outputs;
		this.studies = studies;
		this.ratings = ratings;
	}

	@Transactional
	ImportedStudy importBundle(Upload upload) {
		ImportErrors errors = new ImportErrors(upload.fileName());
		Readers readers = new Readers(errors);
		try (JsonParser parser = this.json.createParser(upload.reader())) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw errors.rejectWith(ImportError.forFile("a study bundle is one JSON object"));
			}
			int next = 0;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String section = parser.currentName();
				int line = parser.currentLocation().getLineNr();
				int index = Bundle.SECTIONS.indexOf(section);
				if (index < 0) {
					throw errors.rejectWith(ImportError.atLine(line, section, "is not a section of a study bundle"));
				}
				if (index < next) {
					throw errors.rejectWith(ImportError.atLine(line, section,
							"comes out of order; the sections are " + String.join(", ", Bundle.SECTIONS)));
				}
				for (String missing : Bundle.SECTIONS.subList(next, index)) {
					requirePresent(missing, line, errors);
				}
				next = index + 1;
				parser.nextToken();
				read(parser, section, readers, errors);
				errors.throwIfAny();
			}
			for (String missing : Bundle.SECTIONS.subList(next, Bundle.SECTIONS.size())) {
				requirePresent(missing, parser.currentLocation().getLineNr(), errors);
			}
			errors.throwIfAny();
			readers.study.finish();
			return new ImportedStudy(readers.study.studyId(), readers.study.name(), readers.evalSet.label(),
					readers.evalSet.created(), readers.outputs.added(), readers.study.tasks().size(),
					readers.study.raters().size(), readers.rating.judgments());
		}
		catch (JacksonException ex) {
			if (ex.getCause() instanceof CharacterCodingException invalid) {
				throw Upload.invalidUtf8(errors, invalid);
			}
			int line = (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
			throw errors.rejectWith(new ImportError((line > 0) ? line : null, null, null, JsonLine.problem(ex)));
		}
	}

	/**
	 * Reads one section, handing its object or each row of its array to the owner of its
	 * tables, and then, if all went well, lets the owner write what it left pending: a
	 * later section may refer to those rows.
	 */
	private void read(JsonParser parser, String section, Readers readers, ImportErrors errors) {
		switch (section) {
			case "format" -> format(parser, errors);
			case "version" -> version(parser, errors);
			case "exportedAt" -> parser.skipChildren();
			case "evalSet" -> readers.evalSet.evalSet(element(parser, section, errors));
			case "items" -> forEach(parser, section, errors, readers.evalSet::item);
			case "outputs" -> forEach(parser, section, errors, readers.outputs::output);
			case "study" -> readers.study.study(element(parser, section, errors));
			case "tasks" -> forEach(parser, section, errors, readers.study::task);
			case "raters" -> forEach(parser, section, errors, readers.study::rater);
			case "assignments" -> forEach(parser, section, errors, readers.rating::assignment);
			case "judgments" -> forEach(parser, section, errors, readers.rating::judgment);
			case "edits" -> forEach(parser, section, errors, readers.rating::edit);
			case "flags" -> forEach(parser, section, errors, readers.rating::flag);
			case "exclusions" ->
				forEach(parser, section, errors, (exclusion) -> this.exclusions.read(exclusion, readers.study));
			case "audit" ->
				forEach(parser, section, errors, (entry) -> this.audit.read(entry, readers.study.studyId()));
			default -> throw new IllegalStateException("unknown section " + section);
		}
		if (!errors.isEmpty()) {
			return;
		}
		switch (section) {
			case "items" -> readers.evalSet.endOfItems();
			case "outputs" -> readers.outputs.endOfOutputs();
			case "tasks" -> readers.study.endOfTasks();
			case "raters" -> readers.study.endOfRaters();
			case "assignments" -> readers.rating.endOfAssignments();
			case "judgments" -> readers.rating.endOfJudgments();
			case "edits" -> readers.rating.endOfEdits();
			case "flags" -> readers.rating.endOfFlags();
			default -> {
			}
		}
	}

	private static void requirePresent(String section, int line, ImportErrors errors) {
		if (!Bundle.OPTIONAL.contains(section)) {
			errors.add(ImportError.atLine(line, section,
					"is missing; a study bundle has every section of " + String.join(", ", Bundle.SECTIONS)));
		}
	}

	private static void format(JsonParser parser, ImportErrors errors) {
		if (parser.currentToken() != JsonToken.VALUE_STRING || !Bundle.FORMAT.equals(parser.getString())) {
			throw errors.rejectWith(ImportError.atLine(parser.currentLocation().getLineNr(), "format",
					"must be \"" + Bundle.FORMAT + "\": this is not a Pairwise study export"));
		}
	}

	private static void version(JsonParser parser, ImportErrors errors) {
		if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() != Bundle.VERSION) {
			throw errors.rejectWith(ImportError.atLine(parser.currentLocation().getLineNr(), "version",
					"must be " + Bundle.VERSION + ", the bundle version this Pairwise reads"));
		}
	}

	private static BundleElement element(JsonParser parser, String path, ImportErrors errors) {
		int line = parser.currentLocation().getLineNr();
		JsonNode node = parser.readValueAsTree();
		return new BundleElement(node, line, path, errors);
	}

	private static void forEach(JsonParser parser, String section, ImportErrors errors, Consumer<BundleElement> row) {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			throw errors
				.rejectWith(ImportError.atLine(parser.currentLocation().getLineNr(), section, "must be a JSON array"));
		}
		int index = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			row.accept(element(parser, section + "[" + index++ + "]", errors));
			if (errors.isFull()) {
				errors.throwIfAny();
			}
		}
	}

	/**
	 * The section readers of one import, each handed the readers whose rows its own rows
	 * refer to.
	 */
	private final class Readers {

		final EvalSetSection.Reader evalSet;

		final OutputSection.Reader outputs;

		final StudySection.Reader study;

		final RatingSection.Reader rating;

		Readers(ImportErrors errors) {
			this.evalSet = StudyImporter.this.evalSets.reader(errors);
			this.outputs = StudyImporter.this.outputs.reader(this.evalSet);
			this.study = StudyImporter.this.studies.reader(errors, this.evalSet, this.outputs);
			this.rating = StudyImporter.this.ratings.reader(errors, this.evalSet, this.study);
		}

	}

}
