package dev.pairwise.exclusion;

import java.sql.Timestamp;
import java.time.Instant;

import dev.pairwise.bundle.BundleElement;
import dev.pairwise.bundle.BundleWriter;
import dev.pairwise.study.StudySection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The study bundle's {@code exclusions} section: which raters are excluded and why, so
 * that a moved study leaves out the same judgments, and its task counters (which do not
 * count those judgments) agree with its rows. A bundle without the section has no
 * exclusions.
 */
@Component
public class ExclusionSection {

	private final JdbcClient jdbc;

	ExclusionSection(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void write(BundleWriter out, long studyId) {
		out.array("exclusions", this.jdbc
			.sql("select rater_id, reason, excluded_at from rater_exclusion where study_id = ? order by rater_id")
			.param(studyId), (g, rs) -> {
				g.writeNumberProperty("rater", rs.getLong("rater_id"));
				g.writeStringProperty("reason", rs.getString("reason"));
				BundleWriter.instant(g, "excludedAt", rs, "excluded_at");
			});
	}

	/** Stores one exclusion of the study {@code study} is importing. */
	public void read(BundleElement exclusion, StudySection.Reader study) {
		Long raterId = exclusion.reference("rater", study.raters(), true);
		String reason = exclusion.text("reason", true);
		Instant excludedAt = exclusion.instant("excludedAt", true);
		if (reason != null && reason.length() > RaterExclusions.MAX_REASON) {
			exclusion.error("reason", "must be at most " + RaterExclusions.MAX_REASON + " characters");
			return;
		}
		if (raterId != null && this.jdbc.sql("select count(*) from rater_exclusion where rater_id = ?")
			.param(raterId)
			.query(Integer.class)
			.single() > 0) {
			exclusion.error("rater", "is excluded more than once");
			return;
		}
		if (raterId != null && reason != null && excludedAt != null) {
			this.jdbc.sql("insert into rater_exclusion (rater_id, study_id, reason, excluded_at) values (?, ?, ?, ?)")
				.params(raterId, study.studyId(), reason, Timestamp.from(excludedAt))
				.update();
		}
	}

}
