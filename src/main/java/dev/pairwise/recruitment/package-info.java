/**
 * Recruitment: a study's open link for a crowd platform (Prolific, MTurk, a panel), the
 * participants it enrols (each once per study, with their platform id and extra
 * parameters), their consent, qualification and screening out, their completion code, and
 * the records for paying them ({@code participants.csv}). Writes {@code recruitment_link}
 * and {@code participant}; a participant's rater is made by study's
 * {@link dev.pairwise.study.Raters}, and an automatic exclusion goes through
 * {@link dev.pairwise.exclusion.RaterExclusions}. It tells rating who may get tasks by
 * implementing {@link dev.pairwise.rating.RaterAdmission}, and puts its link and form on
 * the study page by implementing {@link dev.pairwise.study.StudyPageSection}.
 */
@ApplicationModule(allowedDependencies = { "exclusion", "importing", "rating", "study" })
package dev.pairwise.recruitment;

import org.springframework.modulith.ApplicationModule;
