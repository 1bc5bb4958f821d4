# Install layout (FHS, prefix /usr in the package) and the Debian package:
#   cmake --install build --prefix /usr/local      or      cd build && cpack -G DEB
include(GNUInstallDirs)

install(TARGETS cmkguard RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMKGUARD_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/bash-completion/cmkguard
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
# The samples the README scans, to try the installed tool on.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/samples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/cmkguard/samples)
# Debian keeps a package's licence as /usr/share/doc/<package>/copyright.
if(EXISTS ${CMAKE_SOURCE_DIR}/LICENSE)
  install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
else()
  message(STATUS "no LICENSE file: the package carries no copyright file")
endif()

set(CMKGUARD_PACKAGE_CONTACT "cmkguard maintainers <cmkguard@invalid>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_PACKAGE_NAME cmkguard)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${CMKGUARD_PACKAGE_CONTACT})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "checks Azure ARM templates for customer-managed-key problems")
set(CPACK_PACKAGE_DESCRIPTION
    "cmkguard checks ARM templates (hand-written, exported or compiled from Bicep), parameter
files and exported live resources for what breaks customer-managed-key encryption of Azure AI
services, and reports each problem at its file:line:col as text, JSON, SARIF, JUnit, Markdown or
HTML. It also has an envelope-encryption module with a local key store (cmkguard crypt).")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # cmkguard_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends: computed by dpkg-shlibdeps (dpkg-dev) from the shared libraries the binary links.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# `cmkguard crypt --pkcs11-*` loads SoftHSM2's module by default; nothing else needs it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "softhsm2, bash-completion")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
