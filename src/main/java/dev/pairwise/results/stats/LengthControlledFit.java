package dev.pairwise.results.stats;

/**
 * The maximum-likelihood fit behind {@link LengthControlledWinRate}: a logistic
 * regression of the focal model's wins on an intercept θ, a length term β·x_i and a
 * difficulty γ_i per item, with the ridge penalty λ/2·(β² + Σγ_i²) (θ unpenalised), which
 * is scikit-learn's {@code LogisticRegression(C = 1/λ)} with the intercept unpenalised.
 * Each item i enters with its weight of wins w1_i and of losses w0_i (a tie counts half
 * each way, as AlpacaEval's preference in [0, 1] does).
 * <p>
 * Newton's method on the penalised log-likelihood, whose Hessian is an arrow: θ and β
 * couple with every item, the items only with themselves. Eliminating the items (a Schur
 * complement) leaves a 2 × 2 system per step, so a step costs O(items), and each step is
 * halved until the objective decreases.
 */
final class LengthControlledFit {

	private static final int MAX_STEPS = 200;

	private static final double TOLERANCE = 1e-12;

	final double intercept;

	final double length;

	final double[] difficulty;

	private LengthControlledFit(double intercept, double length, double[] difficulty) {
		this.intercept = intercept;
		this.length = length;
		this.difficulty = difficulty;
	}

	/**
	 * @param x each item's length term
	 * @param wins each item's weight of the focal model's wins
	 * @param losses each item's weight of its losses
	 * @param lambda the ridge penalty of β and the difficulties
	 */
	static LengthControlledFit of(double[] x, double[] wins, double[] losses, double lambda) {
		int n = x.length;
		double theta = 0;
		double beta = 0;
		double[] gamma = new double[n];
		double objective = objective(x, wins, losses, lambda, theta, beta, gamma);
		double[] gGamma = new double[n];
		double[] h = new double[n];
		double[] next = new double[n];
		for (int step = 0; step < MAX_STEPS; step++) {
			double gTheta = 0;
			double gBeta = lambda * beta;
			double hTheta = 0;
			double hThetaBeta = 0;
			double hBeta = lambda;
			for (int i = 0; i < n; i++) {
				double weight = wins[i] + losses[i];
				double mu = sigmoid(theta + beta * x[i] + gamma[i]);
				double residual = weight * mu - wins[i];
				h[i] = weight * mu * (1 - mu);
				gGamma[i] = residual + lambda * gamma[i];
				gTheta += residual;
				gBeta += residual * x[i];
				// The item's own block, h_i + λ, eliminated from the θ and β rows.
				double d = h[i] + lambda;
				hTheta += h[i] - h[i] * h[i] / d;
				hThetaBeta += h[i] * x[i] - h[i] * h[i] * x[i] / d;
				hBeta += h[i] * x[i] * x[i] - h[i] * h[i] * x[i] * x[i] / d;
				gTheta -= h[i] * gGamma[i] / d;
				gBeta -= h[i] * x[i] * gGamma[i] / d;
			}
			double determinant = hTheta * hBeta - hThetaBeta * hThetaBeta;
			double dTheta = (hBeta * gTheta - hThetaBeta * gBeta) / determinant;
			double dBeta = (hTheta * gBeta - hThetaBeta * gTheta) / determinant;
			double largest = Math.max(Math.abs(dTheta), Math.abs(dBeta));
			double[] dGamma = new double[n];
			for (int i = 0; i < n; i++) {
				dGamma[i] = (gGamma[i] - h[i] * dTheta - h[i] * x[i] * dBeta) / (h[i] + lambda);
				largest = Math.max(largest, Math.abs(dGamma[i]));
			}
			double scale = 1;
			double tried;
			do {
				for (int i = 0; i < n; i++) {
					next[i] = gamma[i] - scale * dGamma[i];
				}
				tried = objective(x, wins, losses, lambda, theta - scale * dTheta, beta - scale * dBeta, next);
				scale /= 2;
			}
			while (tried > objective && scale > 1e-10);
			scale *= 2;
			theta -= scale * dTheta;
			beta -= scale * dBeta;
			System.arraycopy(next, 0, gamma, 0, n);
			objective = tried;
			if (largest * scale < TOLERANCE) {
				break;
			}
		}
		return new LengthControlledFit(theta, beta, gamma);
	}

	/** The penalised negative log-likelihood. */
	private static double objective(double[] x, double[] wins, double[] losses, double lambda, double theta,
			double beta, double[] gamma) {
		double value = lambda * beta * beta / 2;
		for (int i = 0; i < x.length; i++) {
			double eta = theta + beta * x[i] + gamma[i];
			// log(1 + e^η) without overflow: −log σ(η) = log1p(e^−η) and −log(1 − σ(η)) =
			// log1p(e^η).
			value += wins[i] * softplus(-eta) + losses[i] * softplus(eta) + lambda * gamma[i] * gamma[i] / 2;
		}
		return value;
	}

	private static double softplus(double z) {
		return (z > 0) ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
	}

	static double sigmoid(double z) {
		return (z >= 0) ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
	}

}
