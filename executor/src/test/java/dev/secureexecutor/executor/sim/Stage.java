package dev.secureexecutor.executor.sim;

import java.util.List;

/**
 * One run_exec stage: its kind, the name passed as run's second argument, and for user steps their commands.
 */
record Stage(Kind kind, String name, List<String> commands) {

    enum Kind {
        PREPARE_SCRIPT("prepare_script"),
        GET_SOURCES("get_sources"),
        CLEAR_WORKTREE("clear_worktree"),
        RESTORE_CACHE("restore_cache"),
        DOWNLOAD_ARTIFACTS("download_artifacts"),
        BUILD_SCRIPT("build_script"),
        USER_STEP("step_"),
        AFTER_SCRIPT("after_script"),
        ARCHIVE_CACHE("archive_cache"),
        ARCHIVE_CACHE_ON_FAILURE("archive_cache_on_failure"),
        UPLOAD_ARTIFACTS_ON_SUCCESS("upload_artifacts_on_success"),
        UPLOAD_ARTIFACTS_ON_FAILURE("upload_artifacts_on_failure"),
        CLEANUP_FILE_VARIABLES("cleanup_file_variables");

        final String stageName;

        Kind(String stageName) {
            this.stageName = stageName;
        }
    }

    static Stage of(Kind kind) {
        return new Stage(kind, kind.stageName, List.of());
    }

    static Stage userScript(Kind kind, String name, List<String> commands) {
        return new Stage(kind, name, List.copyOf(commands));
    }

    /** The script context the runner cancels on {@code canceling}: build_script and step_*. */
    boolean isUserScript() {
        return kind == Kind.BUILD_SCRIPT || kind == Kind.USER_STEP;
    }
}
