package io.firebreak.integration.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.integration.ConditionalOnSetting;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.OutsideHttp;
import io.firebreak.postmortem.PostmortemIndex;
import io.firebreak.postmortem.PostmortemRepository;
import io.firebreak.integration.RateLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Postmortems reviewed as GitHub pull requests: the Markdown is committed as {@code <directory>/<INC-n>.md} on the
 * branch {@code postmortem/<INC-n>} of a fresh clone (JGit, HTTPS with the token), pushed, and proposed against the base
 * branch through the REST API. Repeating it changes nothing: an unchanged document makes no commit, and an open pull
 * request for the branch is found instead of opened twice (GitHub answers 422). What is published is read back from the
 * merge commit, so the archive holds what the reviewers merged, their own commits included.
 *
 * <p>Token permissions (fine-grained): Contents read and write, Pull requests read and write on the repository.
 */
@Component
@ConditionalOnSetting({"firebreak.github.token", "firebreak.github.repository", "firebreak.github.webhook-secret"})
@EnableConfigurationProperties(GitHubProperties.class)
class GitHubPostmortemRepository implements PostmortemRepository {

  private final GitHubProperties properties;
  private final RestClient http;
  private static final int GIT_TIMEOUT_SECONDS = 10;

  private final RateLimits rateLimits;
  private final CredentialsProvider credentials;

  GitHubPostmortemRepository(GitHubProperties properties, RestClient.Builder builder, RateLimits rateLimits) {
    if (!properties.repository().matches("[\\w.-]+/[\\w.-]+")) {
      throw new IllegalArgumentException("firebreak.github.repository must be owner/name, not "
          + properties.repository());
    }
    this.properties = properties;
    this.http = OutsideHttp.client(builder, "GitHub", properties.apiUrl(), headers -> {
      headers.setBearerAuth(properties.token());
      headers.setAccept(List.of(MediaType.parseMediaType("application/vnd.github+json")));
      headers.set("X-GitHub-Api-Version", "2022-11-28");
    });
    this.rateLimits = rateLimits;
    this.credentials = new UsernamePasswordCredentialsProvider("x-access-token", properties.token());
  }

  @Override
  public PullRequest propose(Proposal proposal) {
    String branch = "postmortem/" + proposal.incidentKey();
    push(proposal, branch);
    return openPullRequest(proposal, branch);
  }

  @Override
  public Optional<String> mergedDocument(String incidentKey, String commit) {
    Path clone = null;
    try {
      clone = Files.createTempDirectory("firebreak-published-");
      try (Git git = Git.cloneRepository().setURI(properties.gitUrl()).setDirectory(clone.toFile()).setBare(true)
          .setTimeout(GIT_TIMEOUT_SECONDS)
          .setBranchesToClone(List.of("refs/heads/" + properties.baseBranch()))
          .setCredentialsProvider(credentials).call();
           RevWalk walk = new RevWalk(git.getRepository())) {
        Repository repository = git.getRepository();
        ObjectId at = commit != null && ObjectId.isId(commit)
            && repository.getObjectDatabase().has(ObjectId.fromString(commit)) ? ObjectId.fromString(commit) : null;
        if (at == null) {
          // A merge GitHub did not name, or a base branch that moved on without that commit: the base branch's text.
          at = repository.resolve("refs/heads/" + properties.baseBranch());
        }
        if (at == null) {
          return Optional.empty();
        }
        try (TreeWalk file = TreeWalk.forPath(repository, documentPath(incidentKey), walk.parseCommit(at).getTree())) {
          return file == null ? Optional.empty()
              : Optional.of(new String(repository.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (GitAPIException e) {
      throw new OutsideCallFailed("git failed to fetch " + properties.baseBranch() + " of " + properties.repository()
          + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the published postmortem's clone", e);
    } finally {
      delete(clone);
    }
  }

  private String documentPath(String incidentKey) {
    return properties.directory().isEmpty() ? incidentKey + ".md" : properties.directory() + "/" + incidentKey + ".md";
  }

  @Override
  public void publishIndex(String indexMarkdown) {
    String base = properties.baseBranch();
    commitAndPush(base, "Postmortem index", workTree -> {
      List<String> paths = new ArrayList<>();
      paths.add(write(workTree, properties.directory().isEmpty() ? "index.md" : properties.directory() + "/index.md",
          indexMarkdown));
      // MkDocs cannot take the repository's root as its docs_dir; postmortems at the root get the index only.
      if (!properties.directory().isEmpty() && !Files.exists(workTree.resolve("mkdocs.yml"))) {
        paths.add(write(workTree, "mkdocs.yml", PostmortemIndex.siteConfig(properties.directory())));
      }
      return paths;
    });
  }

  private void push(Proposal proposal, String branch) {
    commitAndPush(branch, "Postmortem " + proposal.incidentKey() + ": " + proposal.title(),
        workTree -> List.of(write(workTree, documentPath(proposal.incidentKey()), proposal.markdown())));
  }

  private static String write(Path workTree, String path, String text) throws IOException {
    Path file = workTree.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return path;
  }

  /** Files a working tree's change writes, for {@link #commitAndPush}. */
  private interface Change {
    List<String> write(Path workTree) throws IOException;
  }

  /**
   * Clones {@code branch} (the base branch when it does not exist yet), lets {@code change} write its files, commits
   * them when they changed anything and pushes the branch.
   */
  private void commitAndPush(String branch, String message, Change change) {
    Path workTree = null;
    try {
      workTree = Files.createTempDirectory("firebreak-postmortem-");
      // Every network operation of git gives up after GIT_TIMEOUT_SECONDS without progress (the job lock, README).
      boolean branchExists = !Git.lsRemoteRepository().setRemote(properties.gitUrl()).setHeads(true)
          .setTimeout(GIT_TIMEOUT_SECONDS)
          .setCredentialsProvider(credentials).callAsMap().keySet().stream()
          .filter(("refs/heads/" + branch)::equals).toList().isEmpty();
      String start = branchExists ? branch : properties.baseBranch();
      try (Git git = Git.cloneRepository().setURI(properties.gitUrl()).setDirectory(workTree.toFile())
          .setTimeout(GIT_TIMEOUT_SECONDS)
          .setBranchesToClone(List.of("refs/heads/" + start)).setBranch("refs/heads/" + start)
          .setCredentialsProvider(credentials).call()) {
        if (!branchExists) {
          git.checkout().setCreateBranch(true).setName(branch).call();
        }
        for (String path : change.write(workTree)) {
          git.add().addFilepattern(path).call();
        }
        if (!git.status().call().isClean()) {
          PersonIdent author = new PersonIdent(properties.authorName(), properties.authorEmail());
          git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call();
        }
        for (PushResult result : git.push().setRemote("origin").setCredentialsProvider(credentials)
            .setTimeout(GIT_TIMEOUT_SECONDS)
            .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call()) {
          for (RemoteRefUpdate update : result.getRemoteUpdates()) {
            if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
              throw new OutsideCallFailed("git refused the push of " + branch + " to " + properties.repository() + ": "
                  + update.getStatus() + (update.getMessage() == null ? "" : " " + update.getMessage()));
            }
          }
        }
      }
    } catch (GitAPIException e) {
      throw new OutsideCallFailed("git failed to push " + branch + " to " + properties.repository() + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the postmortem's working copy", e);
    } finally {
      delete(workTree);
    }
  }

  private PullRequest openPullRequest(Proposal proposal, String branch) {
    String pulls = "/repos/" + properties.repository() + "/pulls";
    try {
      JsonNode created = rateLimits.call(() -> http.post().uri(pulls)
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("title", "Postmortem " + proposal.incidentKey() + ": " + proposal.title(),
              "head", branch,
              "base", properties.baseBranch(),
              "body", "The postmortem of " + proposal.incidentKey() + ", written by Firebreak from the postmortem "
                  + "meeting. Review it here; merging publishes it, closing it without merging sends it back to the "
                  + "Incident Manager."))
          .retrieve().body(JsonNode.class));
      return pullRequest(created, branch);
    } catch (OutsideCallFailed failure) {
      if (failure.httpStatus() != 422) {
        throw failure;
      }
      JsonNode open = rateLimits.call(() -> http.get()
          .uri(uri -> uri.path(pulls).queryParam("head", properties.owner() + ":" + branch)
              .queryParam("state", "open").build())
          .retrieve().body(JsonNode.class));
      if (open == null || !open.isArray() || open.isEmpty()) {
        throw failure;
      }
      return pullRequest(open.get(0), branch);
    }
  }

  private static PullRequest pullRequest(JsonNode json, String branch) {
    return new PullRequest(json.path("number").asInt(), json.path("html_url").asText(), branch);
  }

  private static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing the step for.
    }
  }
}
