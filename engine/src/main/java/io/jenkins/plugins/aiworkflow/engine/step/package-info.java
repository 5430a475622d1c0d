/**
 * The three steps' parameters and returned maps, defined once (DESIGN §3, docs/steps.md): what an adapter (the
 * Jenkins plugin, the CLI) translates with, so that it holds no behaviour of its own.
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.aiworkflow.engine.step.StepParameters}: the catalogue, every parameter of
 *       {@code aiValidate}, {@code aiImplement} and {@code aiRefine} with its type, the engine's default, a
 *       description and the steps that take it. The CLI's options are their kebab case; docs/steps.md lists them
 *       (both checked by tests).</li>
 *   <li>{@link io.jenkins.plugins.aiworkflow.engine.step.StepValues}: plain values (what a step's fields hold, what
 *       a Jenkinsfile writes) read against the catalogue, with the CLI's notation
 *       ({@link io.jenkins.plugins.aiworkflow.engine.step.Notation}); unknown names, wrong types and bad notation
 *       are refused naming the parameter.</li>
 *   <li>{@link io.jenkins.plugins.aiworkflow.engine.step.ValidateParameters},
 *       {@link io.jenkins.plugins.aiworkflow.engine.step.ImplementParameters},
 *       {@link io.jenkins.plugins.aiworkflow.engine.step.RefineParameters}: the request each step's values stand
 *       for. What the adapter resolves is handed to it (the model, the baseline file, {@code onFailure}); the
 *       model comes back in as a {@link io.jenkins.plugins.aiworkflow.engine.step.ModelChoice}.</li>
 *   <li>{@link io.jenkins.plugins.aiworkflow.engine.step.StepResults}: the map each step returns, plain values
 *       only, bounded, masked.</li>
 *   <li>{@link io.jenkins.plugins.aiworkflow.engine.step.Caps}: the caps an administrator sets that no step can
 *       exceed (cost per build, iterations, wall time), applied to a step's values before it runs;
 *       {@link io.jenkins.plugins.aiworkflow.engine.step.CostReservations}: what running steps of a build hold of
 *       its cost cap, so that steps side by side share it.</li>
 * </ul>
 *
 * <p>An adapter passes only the values the user gave: a step's optional fields start at null (an {@code Integer},
 * not an {@code int} that would be 0), so that a parameter not given keeps the engine's default. For
 * {@code aiRefine}:
 *
 * <pre>{@code
 * Map<String, Object> given = new LinkedHashMap<>();   // each field the Jenkinsfile set, by its name
 * RefineParameters parameters = RefineParameters.of(given);
 * OpenAiModelConfig config = parameters.applyModelOptions(providerConfigWithKey(parameters.provider(),
 *         parameters.credentialsId())).build();
 * RefineRequest request = parameters.toRequest(ModelChoice.of(config).withPrices(providerPrices));
 * RefineResult result = new Refinement().run(request, workspace, log, listener);
 * Map<String, Object> returned = StepResults.refinement(result, request::redact);
 * // parameters.onFailure() says what a failed gate does to the build
 * }</pre>
 */
package io.jenkins.plugins.aiworkflow.engine.step;
