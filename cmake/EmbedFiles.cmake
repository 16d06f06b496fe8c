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
