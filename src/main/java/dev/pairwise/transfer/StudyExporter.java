package dev.pairwise.transfer;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;

import dev.pairwise.bundle.BundleWriter;
import dev.pairwise.audit.AuditSection;
import dev.pairwise.evalset.EvalSetSection;
import dev.pairwise.exclusion.ExclusionSection;
import dev.pairwise.output.OutputSection;
import dev.pairwise.rating.RatingSection;
import dev.pairwise.study.StudySection;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a study as one JSON bundle, each feature writing the sections of its own tables,
 * streaming row by row so that a study of millions of judgments fits in a small heap.
 * Everything is read in one repeatable-read transaction: a consistent snapshot even while
 * raters keep rating. Rows are written in id order, and the import inserts them in that
 * order, so anything that depends on the order of judgments (the seeded bootstrap) gives
 * the same figures on the copy.
 */
@Service
class StudyExporter {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final EvalSetSection evalSet;

	private final OutputSection outputs;

	private final StudySection study;

	private final RatingSection rating;

	private final ExclusionSection exclusions;

	private final AuditSection audit;

	StudyExporter(JdbcClient jdbc, JsonMapper json, EvalSetSection evalSet, OutputSection outputs, StudySection study,
			RatingSection rating, ExclusionSection exclusions, AuditSection audit) {
		this.audit = audit;
		this.exclusions = exclusions;
		this.jdbc = jdbc;
		this.json = json;
		this.evalSet = evalSet;
		this.outputs = outputs;
		this.study = study;
		this.rating = rating;
	}

	/** The study's name, to name the file; empty when there is no such study. */
	Optional<String> studyName(long studyId) {
		return this.jdbc.sql("select name from study where id = ?").param(studyId).query(String.class).optional();
	}

	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	void export(long studyId, OutputStream out) {
		long evalSetId = this.jdbc.sql("select eval_set_id from study where id = ?")
			.param(studyId)
			.query(Long.class)
			.single();
		try (JsonGenerator g = this.json.createGenerator(out, JsonEncoding.UTF8)) {
			g.writeStartObject();
			g.writeStringProperty("format", Bundle.FORMAT);
			g.writeNumberProperty("version", Bundle.VERSION);
			g.writeStringProperty("exportedAt", Instant.now().toString());
			BundleWriter sections = new BundleWriter(g);
			this.evalSet.write(sections, evalSetId);
			this.outputs.write(sections, evalSetId, studyId);
			this.study.write(sections, studyId);
			this.rating.write(sections, studyId);
			this.exclusions.write(sections, studyId);
			this.audit.write(sections, studyId);
			g.writeEndObject();
		}
	}

}
