package dev.pairwise.recruitment;

import java.util.Map;

import dev.pairwise.study.PublicUrl;
import dev.pairwise.study.StudyPageSection;

import org.springframework.stereotype.Component;

/**
 * The study page's crowd recruitment section: the link's URL and state with its pause,
 * resume and revoke buttons, the count of participants, and the form that sets the link
 * up or changes its rules.
 */
@Component
class RecruitmentSection implements StudyPageSection {

	private final RecruitmentRepository repository;

	private final PublicUrl publicUrl;

	RecruitmentSection(RecruitmentRepository repository, PublicUrl publicUrl) {
		this.repository = repository;
		this.publicUrl = publicUrl;
	}

	@Override
	public String template() {
		return "recruitment/study-section";
	}

	@Override
	public Object model(long studyId) {
		RecruitmentLink link = this.repository.linkOf(studyId).orElse(null);
		if (link == null) {
			return new Section(null, null, RecruitmentForm.EMPTY, 0, 0, 0);
		}
		Map<String, Integer> statuses = this.repository.countByStatus(studyId);
		int total = statuses.values().stream().mapToInt(Integer::intValue).sum();
		return new Section(link, link.url(this.publicUrl.base()), RecruitmentForm.of(link), total,
				statuses.getOrDefault(Participant.COMPLETED, 0), statuses.getOrDefault(Participant.SCREENED_OUT, 0));
	}

	/**
	 * What the section shows; {@code link} and {@code url} are null before a link exists.
	 */
	record Section(RecruitmentLink link, String url, RecruitmentForm form, int participants, int completed,
			int screenedOut) {
	}

}
