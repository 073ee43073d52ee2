package dev.pairwise.judgmentfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.evalset.Conversation.Message;
import dev.pairwise.judgmentfile.JudgmentFileRepository.Conversation;
import dev.pairwise.rating.Winner;
import tools.jackson.databind.json.JsonMapper;

/**
 * The judgments as JSON Lines in the fields of MT-Bench's human judgments
 * ({@code lmsys/mt_bench_human_judgments}): {@code question_id}, {@code model_a},
 * {@code model_b}, {@code winner} ({@code model_a}, {@code model_b} or {@code tie}),
 * {@code judge}, {@code turn} (the user turn judged: 1 for a single prompt) and the two
 * conversations as lists of {@code {"role", "content"}}, each with its model's own
 * earlier answers. Rows are oriented as in the CSV ({@link ExportRow#asShown()}); a
 * both-bad answer is a {@code tie} with {@code both_bad} true, and the CSV's other facts
 * follow under their CSV names.
 */
final class JudgmentJsonl {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Writer writer;

	JudgmentJsonl(Writer writer) {
		this.writer = writer;
	}

	/**
	 * Writes the judgment's record and, for a study with criteria, one record per
	 * criterion it answered after it: the same fields with {@code criterion} naming it
	 * and {@code winner} and {@code strength} its answer; the overall record's
	 * {@code criterion} is null.
	 */
	void write(Conversation conversation) {
		ExportRow stored = conversation.row();
		ExportRow row = stored.asShown();
		boolean swapped = !row.modelA().equals(stored.modelA());
		String textA = swapped ? conversation.textB() : conversation.textA();
		String textB = swapped ? conversation.textA() : conversation.textB();
		List<Message> chatA = swapped ? conversation.chatB() : conversation.chatA();
		List<Message> chatB = swapped ? conversation.chatA() : conversation.chatB();
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("question_id", row.itemId());
		line.put("model_a", row.modelA());
		line.put("model_b", row.modelB());
		line.put("winner", (row.winner() == Winner.BOTH_BAD) ? Winner.TIE.arena() : row.winner().arena());
		line.put("judge", row.judge());
		line.put("turn", row.turn());
		line.put("conversation_a", turns(chatA, textA));
		line.put("conversation_b", turns(chatB, textB));
		line.put("both_bad", row.winner() == Winner.BOTH_BAD);
		line.put("category", row.category());
		line.put("setting", row.setting());
		line.put("left", (row.leftIsA() == null) ? null : (row.leftIsA() ? JudgmentCsv.MODEL_A : JudgmentCsv.MODEL_B));
		line.put("fail_a", row.failA());
		line.put("fail_b", row.failB());
		line.put("strength", row.strength());
		line.put("reason", row.reason());
		line.put("tstamp", Double.valueOf(JudgmentCsv.unixSeconds(row.createdAt())));
		line.put("anony", row.anonymous());
		line.put("source", row.source());
		line.put("excluded", row.excluded());
		if (row.criteria().isEmpty()) {
			writeLine(line);
			return;
		}
		line.put("criterion", null);
		writeLine(line);
		for (ExportRow.CriterionAnswer answer : row.criteria()) {
			if (answer.winner() != null) {
				line.put("criterion", answer.criterion());
				line.put("winner", answer.winner().arena());
				line.put("both_bad", false);
				line.put("strength", answer.strength());
				writeLine(line);
			}
		}
	}

	private void writeLine(Map<String, Object> line) {
		try {
			this.writer.write(JSON.writeValueAsString(line));
			this.writer.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Map<String, String>> turns(List<Message> chat, String answer) {
		List<Map<String, String>> turns = new ArrayList<>();
		chat.forEach((message) -> turns.add(Map.of("role", message.role(), "content", message.content())));
		turns.add(Map.of("role", "assistant", "content", answer));
		return turns;
	}

}
