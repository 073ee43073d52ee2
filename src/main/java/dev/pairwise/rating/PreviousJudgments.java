package dev.pairwise.rating;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pairwise.evalset.ItemView;
import dev.pairwise.rating.RatingRepository.TaskContent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A rater's own earlier answers, in the terms they gave them (Response 1 is the left
 * one), for studies that let raters change an answer. The change itself goes through
 * {@link AssignmentEngine#submit}, which keeps the audit trail.
 */
@Component
class PreviousJudgments {

	static final int SHOWN = 50;

	private final JdbcClient jdbc;

	private final RatingRepository repository;

	PreviousJudgments(JdbcClient jdbc, RatingRepository repository) {
		this.jdbc = jdbc;
		this.repository = repository;
	}

	/** The rater's latest answers, newest first. */
	List<Previous> of(long raterId) {
		return this.jdbc
			.sql("""
					select a.id, a.task_id, a.left_is_a, j.id as judgment_id, j.winner, j.fail_a, j.fail_b, j.strength, j.reason, j.updated_at,
					  i.prompt
					from judgment j join assignment a on a.id = j.assignment_id join item i on i.id = j.item_id
					where j.rater_id = ? order by j.created_at desc, j.id desc fetch first %d rows only"""
				.formatted(SHOWN))
			.param(raterId)
			.query((rs, row) -> {
				boolean leftIsA = rs.getBoolean("left_is_a");
				boolean failA = rs.getBoolean("fail_a");
				boolean failB = rs.getBoolean("fail_b");
				JudgmentCommand answer = new JudgmentCommand(rs.getLong("id"),
						Choice.of(Winner.fromStored(rs.getString("winner")), leftIsA).id(), leftIsA ? failA : failB,
						leftIsA ? failB : failA, rs.getString("strength"), rs.getString("reason"), null, null);
				return new Previous(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("judgment_id"), leftIsA,
						excerpt(rs.getString("prompt")), answer, rs.getTimestamp("updated_at").toInstant());
			})
			.list();
	}

	/**
	 * One earlier answer, criterion answers included, with the task as the rater saw it,
	 * in the same left/right order.
	 */
	Optional<PreviousTask> find(RaterSession session, long assignmentId) {
		return of(session.rater().id()).stream()
			.filter((previous) -> previous.assignmentId() == assignmentId)
			.findFirst()
			.flatMap((previous) -> this.repository.taskContent(previous.taskId()).map((task) -> {
				TaskView view = view(previous, task, session.study().showSetting());
				return new PreviousTask(view, previous.answer().withCriteria(criteriaAsSeen(previous)));
			}));
	}

	/**
	 * The judgment's criterion answers in the rater's terms (Response 1 is the left one).
	 */
	private Map<String, CriterionCommand> criteriaAsSeen(Previous previous) {
		Map<String, CriterionCommand> criteria = new LinkedHashMap<>();
		this.repository.criteria(previous.judgmentId())
			.forEach((id, answer) -> criteria.put(id, new CriterionCommand(
					Choice.of(Winner.fromStored(answer.winner()), previous.leftIsA()).id(), answer.strength())));
		return criteria;
	}

	private static TaskView view(Previous previous, TaskContent task, boolean showSetting) {
		String left = previous.leftIsA() ? task.textA() : task.textB();
		String right = previous.leftIsA() ? task.textB() : task.textA();
		return new TaskView(previous.assignmentId(), task.conversation(previous.leftIsA()), task.prompt(),
				ItemView.exemplars(task.exemplarsJson()), showSetting ? task.setting() : null, left, right, null);
	}

	private static String excerpt(String prompt) {
		String line = prompt.strip().replaceAll("\\s+", " ");
		return (line.length() > 120) ? line.substring(0, 119) + "…" : line;
	}

	record Previous(long assignmentId, long taskId, long judgmentId, boolean leftIsA, String promptExcerpt,
			JudgmentCommand answer, Instant answeredAt) {
	}

	record PreviousTask(TaskView task, JudgmentCommand answer) {
	}

}
