package io.jenkins.plugins.aiworkflow.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The Snippet Generator's list for a step's {@code credentialsId}: the Secret text credentials the job can use, in
 * its own context (folders included), listed only to someone who may configure the job or use its credentials;
 * anyone else sees only the value already there, so that saving the form keeps it.
 */
final class StepCredentials {
    private StepCredentials() {
    }

    static ListBoxModel fill(Item item, String credentialsId) {
        StandardListBoxModel items = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return items.includeCurrentValue(current);
        }
        items.includeEmptyValue();
        if (item == null) {
            items.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(),
                    CredentialsMatchers.always());
        } else {
            items.includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                    item, StringCredentials.class, List.of(), CredentialsMatchers.always());
        }
        return items.includeCurrentValue(current);
    }
}
