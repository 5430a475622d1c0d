#!/usr/bin/env bash
# The Jenkins plugin's checks on a machine without the Jenkins artifact repository (docs/development.md#building-the-plugin):
#   1. ../shared/jenkins-kit/check.sh type-checks plugin/src/main/java and plugin/src/test/java against the real
#      sources of Jenkins 2.555.3 and its plugins, with the engine's classes and dependencies on the classpath;
#   2. ../shared/jenkins-runtime/install.sh builds Jenkins and those plugins from the same sources into the local
#      Maven repository (minutes, once per machine);
#   3. the plugin's JenkinsRule tests run on them (profile jenkins-local, plugin/pom-local.xml) with a JDK 21+.
# Run from anywhere; fails on the first error. Set JDK21_HOME to choose the JDK for step 3.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=../shared

jdk21="${JDK21_HOME:-}"
if [ -z "$jdk21" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/temurin-21* /usr/lib/jvm/*-21-*; do
    if [ -x "$candidate/bin/javac" ]; then jdk21=$candidate; break; fi
  done
fi
if [ -z "$jdk21" ]; then
  echo "test-local.sh: no JDK 21 or newer found in /usr/lib/jvm; set JDK21_HOME" >&2
  exit 2
fi

# 1. type-check (the engine is compiled with the build's own JDK first)
mkdir -p target
# (-am: the engine's openai-java-core comes from the reactor's openai-trimmed; the engine writes the file last)
./mvnw -B -q -pl engine -am test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/engine-classpath.txt"
engine_classpath=$(cat target/engine-classpath.txt)
"$shared/jenkins-kit/check.sh" \
  --classpath "engine/target/classes:engine/target/test-classes:$engine_classpath" \
  plugin/src/main/java plugin/src/test/java

# 2. Jenkins and its plugins from source (a no-op when installed)
"$shared/jenkins-runtime/install.sh"

# 3. the JenkinsRule tests; the engine and openai-shrunk are built in the same reactor, their own tests are not
#    run again
JAVA_HOME="$jdk21" ./mvnw -B -Pjenkins-local -pl plugin/pom-local.xml -am verify \
  -Dtest='io.jenkins.plugins.aiworkflow.plugin.**' -Dsurefire.failIfNoSpecifiedTests=false
