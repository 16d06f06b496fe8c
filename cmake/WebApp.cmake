# smr_web_app(SOURCE_DIR <web/> OUT_DIR <dist folder> OUTPUT_VAR <var>)
#
# Builds the web app (web/: TypeScript, Preact, uPlot, bundled by Vite) at build time:
#   1. `npm ci` in SOURCE_DIR, only when package-lock.json changed since the last install. The stamp is a copy
#      of the lock file in node_modules (the same stamp scripts/install-deps writes), so either may install.
#   2. `tsc --noEmit` (strict; a type error fails the build) and `vite build --outDir OUT_DIR`, whenever a file
#      under SOURCE_DIR (src/, public/, index.html, the configs) changed.
# Sets OUTPUT_VAR to OUT_DIR/index.html, the file the embedding step depends on.
#
# Node.js and npm come from scripts/install-deps; without them this fails at configure time, loudly: the
# binary must never ship without its web app. (To embed a folder built elsewhere, configure with
# -DSMR_WEB_PREBUILT_DIR=<folder>; see src/http/CMakeLists.txt.)
function(smr_web_app)
  cmake_parse_arguments(ARG "" "SOURCE_DIR;OUT_DIR;OUTPUT_VAR" "" ${ARGN})
  find_program(SMR_NODE node)
  find_program(SMR_NPM npm)
  if(NOT SMR_NODE OR NOT SMR_NPM)
    message(FATAL_ERROR "The web app (web/) needs Node.js and npm to build: run scripts/install-deps "
      "(or configure with -DSMR_WEB_PREBUILT_DIR=<folder with index.html> to embed a web app built elsewhere).")
  endif()
  set(lock ${ARG_SOURCE_DIR}/package-lock.json)
  set(installed ${ARG_SOURCE_DIR}/node_modules/.smr-installed-package-lock.json)
  add_custom_command(
    OUTPUT ${installed}
    COMMAND ${SMR_NPM} ci --prefix ${ARG_SOURCE_DIR} --no-audit --no-fund --loglevel=error
    COMMAND ${CMAKE_COMMAND} -E copy ${lock} ${installed}
    DEPENDS ${lock} ${ARG_SOURCE_DIR}/package.json
    COMMENT "npm ci in web/ (package-lock.json changed)"
    VERBATIM)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${ARG_SOURCE_DIR}/src/* ${ARG_SOURCE_DIR}/public/*)
  list(APPEND sources ${ARG_SOURCE_DIR}/index.html ${ARG_SOURCE_DIR}/vite.config.ts ${ARG_SOURCE_DIR}/tsconfig.json)
  set(index ${ARG_OUT_DIR}/index.html)
  add_custom_command(
    OUTPUT ${index}
    COMMAND ${SMR_NODE} node_modules/typescript/bin/tsc --noEmit -p tsconfig.json
    COMMAND ${SMR_NODE} node_modules/vite/bin/vite.js build --logLevel warn --outDir ${ARG_OUT_DIR} --emptyOutDir
    WORKING_DIRECTORY ${ARG_SOURCE_DIR}
    DEPENDS ${installed} ${sources}
    COMMENT "Building the web app (tsc + vite) into ${ARG_OUT_DIR}"
    VERBATIM)
  set(${ARG_OUTPUT_VAR} ${index} PARENT_SCOPE)
endfunction()
