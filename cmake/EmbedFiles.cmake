# smr_embed_files(OUTPUT <file.cc> NAMESPACE <ns> FUNCTION <name> BASE_DIR <dir> FILES <abs paths...>)
#
# Generates a C++ source defining
#   std::span<const smr::EmbeddedFile> <ns>::<name>();
# whose entries hold each file's path relative to BASE_DIR and its bytes. The file is regenerated when any
# input changes, so editing catalog/*.toml rebuilds the binary with the new content.
function(smr_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;FUNCTION;BASE_DIR" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND}
      -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE} -DFUNCTION=${ARG_FUNCTION}
      -DBASE_DIR=${ARG_BASE_DIR} "-DFILES=${ARG_FILES}"
      -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${ARG_FUNCTION} (${ARG_OUTPUT})"
    VERBATIM)
endfunction()

# smr_embed_dir(OUTPUT <file.cc> NAMESPACE <ns> FUNCTION <name> DIR <dir> [GENERATED] [DEPENDS <files or targets...>])
#
# Like smr_embed_files, for every file under DIR (paths relative to DIR, sorted). DIR is listed when the build
# runs, not when CMake configures, so it may be the output of an earlier build step (the web app's bundle):
# name that step's output file or target in DEPENDS so that a new bundle is embedded again. Files present at
# configure time are dependencies too, so editing one rebuilds; except with GENERATED, for a folder an earlier
# build step rewrites whole (the Vite output: its hashed names change, and the step in DEPENDS says when).
function(smr_embed_dir)
  cmake_parse_arguments(ARG "GENERATED" "OUTPUT;NAMESPACE;FUNCTION;DIR" "DEPENDS" ${ARGN})
  set(present "")
  if(NOT ARG_GENERATED)
    file(GLOB_RECURSE present CONFIGURE_DEPENDS "${ARG_DIR}/*")
  endif()
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND}
      -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE} -DFUNCTION=${ARG_FUNCTION} -DDIR=${ARG_DIR}
      -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${present} ${ARG_DEPENDS} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${ARG_FUNCTION} from ${ARG_DIR} (${ARG_OUTPUT})"
    VERBATIM)
endfunction()
