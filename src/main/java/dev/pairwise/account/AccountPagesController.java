package dev.pairwise.account;

import java.security.Principal;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Accounts" page (owners: list, create, disable) and every account's own "Password"
 * page (change it, sign out everywhere).
 */
@Controller
class AccountPagesController {

	private final Accounts accounts;

	AccountPagesController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/accounts")
	String list(Model model) {
		model.addAttribute("accounts", this.accounts.list());
		return "account/accounts";
	}

	@PostMapping("/accounts")
	String create(@RequestParam String username, @RequestParam String password, @RequestParam String role,
			RedirectAttributes redirect) {
		try {
			this.accounts.create(username, password, role);
			redirect.addFlashAttribute("created", username);
		}
		catch (AccountChangeRefused refused) {
			redirect.addFlashAttribute("problem", refused.getMessage());
		}
		return "redirect:/accounts";
	}

	@PostMapping("/accounts/{id}/disable")
	String disable(@PathVariable long id, Principal caller, RedirectAttributes redirect) {
		try {
			this.accounts.disable(id, caller.getName());
		}
		catch (AccountChangeRefused refused) {
			redirect.addFlashAttribute("problem", refused.getMessage());
		}
		return "redirect:/accounts";
	}

	@GetMapping("/password")
	String password() {
		return "account/password";
	}

	/**
	 * Every session of the account ends, this one's too: sign in again with the new
	 * password.
	 */
	@PostMapping("/password")
	String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword, Principal caller,
			HttpSession session, Model model) {
		try {
			this.accounts.changePassword(caller.getName(), currentPassword, newPassword);
		}
		catch (AccountChangeRefused refused) {
			model.addAttribute("problem", refused.getMessage());
			return "account/password";
		}
		// Ended in the store already; invalidated here too, so that it is not saved
		// again.
		session.invalidate();
		return "redirect:/login?passwordChanged";
	}

	@PostMapping("/sign-out-everywhere")
	String signOutEverywhere(Principal caller, HttpSession session) {
		this.accounts.signOutEverywhere(caller.getName());
		session.invalidate();
		return "redirect:/login?logout";
	}

}
