package dev.pairwise.output;

import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.pairwise.bundle.BatchInsert;
import dev.pairwise.bundle.BundleElement;
import dev.pairwise.bundle.BundleWriter;
import dev.pairwise.evalset.EvalSetSection;
import dev.pairwise.importing.TextLimits;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code outputs} section of a study bundle: the outputs of the study's models, each
 * naming its item by key and its model by name. An import adds the outputs this instance
 * lacks, creating their models, and refuses an output that differs from the one here.
 */
@Component
public class OutputSection {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final OutputRepository repository;

	OutputSection(JdbcClient jdbc, JdbcTemplate batch, OutputRepository repository) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.repository = repository;
	}

	public void write(BundleWriter out, long evalSetId, long studyId) {
		out.array("outputs", this.jdbc.sql("""
				select i.item_key, m.name, o.text, o.meta, o.context from output o join item i on i.id = o.item_id
				join model m on m.id = o.model_id join study_model sm on sm.model_id = o.model_id and sm.study_id = ?
				where i.eval_set_id = ? order by o.id""").params(studyId, evalSetId), (g, rs) -> {
			g.writeStringProperty("item_id", rs.getString("item_key"));
			g.writeStringProperty("model", rs.getString("name"));
			g.writeStringProperty("output", rs.getString("text"));
			BundleWriter.rawJson(g, "meta", rs.getString("meta"));
			BundleWriter.rawJson(g, "context", rs.getString("context"));
		});
	}

	/** Reads the section of one import, whose items {@code items} has read. */
	public Reader reader(EvalSetSection.Reader items) {
		return new Reader(items);
	}

	/** The outputs of one import, and the ids of their models by name. */
	public final class Reader {

		private final EvalSetSection.Reader items;

		private final Map<String, Long> modelIds = new HashMap<>();

		private final BatchInsert outputs = new BatchInsert(OutputSection.this.batch,
				"insert into output (item_id, model_id, text, text_length, meta, context) values (?, ?, ?, ?, ?, ?)",
				new int[] { Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR },
				null);

		private int added;

		private Reader(EvalSetSection.Reader items) {
			this.items = items;
		}

		public void output(BundleElement output) {
			String itemKey = output.text("item_id", true);
			String model = output.text("model", true);
			String text = output.text("output", false);
			String meta = output.json("meta");
			String context = output.json("context");
			if (text == null) {
				output.error("output", "is required");
			}
			boolean valid = check(output, "model", (model != null) ? ModelNames.problem(model) : null);
			valid &= check(output, "output",
					(text != null) ? TextLimits.problem(text, JsonlOutputParser.MAX_TEXT) : null);
			valid &= check(output, "meta", (meta != null && !output.get("meta").isObject()) ? "must be a JSON object"
					: (meta != null) ? TextLimits.problem(meta, JsonlOutputParser.MAX_META) : null);
			valid &= check(output, "context",
					(context != null) ? contextProblem(output.get("context"), context) : null);
			Long itemId = this.items.itemId(output, "item_id", itemKey);
			if (!valid || itemId == null || model == null || text == null) {
				return;
			}
			long modelId = this.modelIds.computeIfAbsent(model, OutputSection.this.repository::findOrCreateModel);
			Optional<String[]> stored = OutputSection.this.jdbc
				.sql("select text, meta, context from output where item_id = ? and model_id = ?")
				.params(itemId, modelId)
				.query((rs,
						row) -> new String[] { rs.getString("text"), rs.getString("meta"), rs.getString("context") })
				.optional();
			if (stored.isPresent()) {
				if (!text.equals(stored.get()[0]) || !Objects.equals(meta, stored.get()[1])
						|| !Objects.equals(context, stored.get()[2])) {
					output.error("output", "model '" + model + "' has a different output for item '" + itemKey
							+ "' here; outputs cannot differ between instances");
				}
				return;
			}
			this.outputs.add(itemId, modelId, text, text.codePointCount(0, text.length()), meta, context);
			this.added++;
		}

		/** A context is the model's earlier answers: an array of strings. */
		private static String contextProblem(JsonNode context, String json) {
			boolean strings = context.isArray() && context.valueStream().allMatch(JsonNode::isString);
			return strings ? TextLimits.problem(json, JsonlOutputParser.MAX_TEXT)
					: "must be an array of the model's earlier answers (strings)";
		}

		/** Whether there is no problem; reports it otherwise. */
		private static boolean check(BundleElement element, String field, String problem) {
			if (problem != null) {
				element.error(field, problem);
			}
			return problem == null;
		}

		public void endOfOutputs() {
			this.outputs.flush();
			if (this.added > 0) {
				OutputSection.this.repository.recount(this.items.evalSetId());
			}
		}

		/**
		 * The id of a model the bundle has outputs of or this instance has; null when
		 * neither has it.
		 */
		public Long modelId(String name) {
			Long id = this.modelIds.get(name);
			return (id != null) ? id : OutputSection.this.repository.findModelId(name).orElse(null);
		}

		/** Outputs this instance did not have. */
		public int added() {
			return this.added;
		}

	}

}
