-- Multi-turn conversations (issue 21). An item may hold a conversation: item.messages is a JSON array of
-- {"role", "content"} ending with the user message its outputs answer (item.prompt keeps that last user message,
-- so lists and excerpts read as before), and item.turn says which user turn that is (null: a single prompt).
-- An MT-Bench item after its first turn holds only the user turns; the assistant turns in between are each
-- model's own earlier answers, kept with that model's output in output.context (a JSON array of strings, one per
-- earlier turn), so two models' second turns are judged each in its own context.
-- Written by the evalset feature (item) and the output feature (output).
alter table item add column messages varchar(1000000);
alter table item add column turn int;
alter table output add column context varchar(1000000);
