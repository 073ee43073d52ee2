-- Under the warn attention policy, the failed attention checks a participant has been told about: while they
-- have failed more, their next page is the warning. Written by recruitment only.
alter table participant add column attention_warned int default 0 not null;
