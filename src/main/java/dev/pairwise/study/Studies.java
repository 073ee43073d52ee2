package dev.pairwise.study;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other features may ask about studies. */
@Service
public class Studies {

	private final StudyRepository repository;

	Studies(StudyRepository repository) {
		this.repository = repository;
	}

	/**
	 * The study's columns, for a query of another feature that reads a study (alias
	 * {@code s}) together with its own rows in one statement, and the outer joins they
	 * need; {@link #fromRow} turns such a row into the study.
	 */
	public static final String ROW_COLUMNS = StudyRepository.STUDY_SELECT_LIST;

	public static final String ROW_JOINS = StudyRepository.STUDY_JOINS;

	public Study fromRow(ResultSet rs) throws SQLException {
		return this.repository.fromRow(rs);
	}

	public Optional<Study> find(long id) {
		return this.repository.find(id);
	}

	/** The study's criteria; {@link StudyCriteria#NONE} for an unknown study. */
	public StudyCriteria criteria(long studyId) {
		return this.repository.criteria(studyId).orElse(StudyCriteria.NONE);
	}

	/** The studies not archived, newest first. */
	public List<Study> list() {
		return this.repository.findAll(false);
	}

	/** The archived studies, newest first. */
	public List<Study> archived() {
		return this.repository.findAll(true);
	}

	/**
	 * The demo study opened on a first start with the bundled set, if it was made; its
	 * {@link Study#demoInviteUrl()} is the link the start page and the log show.
	 */
	public Optional<Study> demo() {
		return this.repository.findByName(DemoStudy.NAME);
	}

	/** Makes {@code path} (from the app's root) the demo study's link. */
	@Transactional
	public void setDemoLink(long studyId, String path) {
		this.repository.setDemoInviteUrl(studyId, path);
	}

	/** Progress of every study that has tasks, by study id. */
	public Map<Long, StudyProgress> progress() {
		return this.repository.progressByStudy();
	}

}
