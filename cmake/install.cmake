# What `cmake --install <build> [--prefix P]` puts where. Three components:
#
#   cli     bin/tsum, share/man/man1/tsum.1 and the bash, zsh and fish completions
#   dev     lib/libtsum.a, include/tsum (the public headers; include/tsum/detail holds the
#           internal headers they include) and lib/cmake/tsum (tsumConfig.cmake, its
#           version file and the exported target tsum::tsum), so find_package(tsum) works
#   python  the Python package (python/CMakeLists.txt); not part of a plain install
#
# Inside a wheel build (scikit-build-core defines SKBUILD) the CLI goes to the wheel's
# scripts directory, so that pip puts `tsum` on PATH, and the man page and completions to
# its data directory (the venv's share/); pyproject.toml installs only cli and python.
#
# The man page and the completions are generated at build time by the CLI itself from its
# own option table (`tsum --help-man`, `tsum --completions SHELL`; cli/cli_docs.h), so they
# cannot drift from the options.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# --- generated documentation -------------------------------------------------------
set(tsum_docs_dir ${CMAKE_BINARY_DIR}/share)
set(tsum_man ${tsum_docs_dir}/tsum.1)
set(tsum_bash ${tsum_docs_dir}/bash/tsum)
set(tsum_zsh ${tsum_docs_dir}/zsh/_tsum)
set(tsum_fish ${tsum_docs_dir}/fish/tsum.fish)
add_custom_command(
    OUTPUT ${tsum_man} ${tsum_bash} ${tsum_zsh} ${tsum_fish}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${tsum_docs_dir}/bash ${tsum_docs_dir}/zsh ${tsum_docs_dir}/fish
    COMMAND $<TARGET_FILE:tsum_cli> --help-man > ${tsum_man}
    COMMAND $<TARGET_FILE:tsum_cli> --completions bash > ${tsum_bash}
    COMMAND $<TARGET_FILE:tsum_cli> --completions zsh > ${tsum_zsh}
    COMMAND $<TARGET_FILE:tsum_cli> --completions fish > ${tsum_fish}
    DEPENDS tsum_cli
    COMMENT "Generating the man page and shell completions from the CLI's options")
add_custom_target(tsum_docs ALL DEPENDS ${tsum_man} ${tsum_bash} ${tsum_zsh} ${tsum_fish})

if(SKBUILD)
  set(tsum_bin_dest ${SKBUILD_SCRIPTS_DIR})
  set(tsum_share_dest ${SKBUILD_DATA_DIR}/share)
else()
  set(tsum_bin_dest ${CMAKE_INSTALL_BINDIR})
  set(tsum_share_dest ${CMAKE_INSTALL_DATADIR})
endif()
install(TARGETS tsum_cli RUNTIME DESTINATION ${tsum_bin_dest} COMPONENT cli)
install(FILES ${tsum_man} DESTINATION ${tsum_share_dest}/man/man1 COMPONENT cli)
# The directories each shell searches for completions installed by packages.
install(FILES ${tsum_bash} DESTINATION ${tsum_share_dest}/bash-completion/completions COMPONENT cli)
install(FILES ${tsum_zsh} DESTINATION ${tsum_share_dest}/zsh/site-functions COMPONENT cli)
install(FILES ${tsum_fish} DESTINATION ${tsum_share_dest}/fish/vendor_completions.d COMPONENT cli)

# --- library, headers, CMake package ----------------------------------------------
set(tsum_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/tsum)
install(TARGETS tsum EXPORT tsumTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tsum DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT dev FILES_MATCHING PATTERN "*.h")
# include/tsum/diff.h includes prepare/prepare_options.h, which includes these.
install(FILES ${PROJECT_SOURCE_DIR}/src/prepare/prepare_options.h ${PROJECT_SOURCE_DIR}/src/prepare/column_bins.h
              ${PROJECT_SOURCE_DIR}/src/prepare/column_kind.h ${PROJECT_SOURCE_DIR}/src/prepare/time_text.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tsum/detail/prepare COMPONENT dev)
install(EXPORT tsumTargets NAMESPACE tsum:: DESTINATION ${tsum_cmake_dir} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/tsumConfig.cmake.in
    ${CMAKE_BINARY_DIR}/cmake/tsumConfig.cmake INSTALL_DESTINATION ${tsum_cmake_dir})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/tsumConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/tsumConfig.cmake ${CMAKE_BINARY_DIR}/cmake/tsumConfigVersion.cmake
        DESTINATION ${tsum_cmake_dir} COMPONENT dev)
