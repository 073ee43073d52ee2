/**
 * The judgment file in both directions: a study's judgments exported as CSV in Chatbot
 * Arena's columns (oriented as the raters saw them) and as JSON Lines in MT-Bench's
 * human-judgment fields, and judgments made elsewhere (an LLM judge, an earlier campaign)
 * imported from CSV or JSON Lines, checked against the study and stored through rating.
 */
@ApplicationModule(allowedDependencies = { "config", "evalset", "importing", "rating", "study" })
package dev.pairwise.judgmentfile;

import org.springframework.modulith.ApplicationModule;
