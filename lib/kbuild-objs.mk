# kbuild-objs.mk - what a kernel configuration builds in one directory, as
# kbuild itself reads the directory's Makefile (lib/engine-gcc.sh).
#
#   cd OBJTREE && make -s -f kbuild-objs.mk obj=DIR srctree=SRC srcroot=SRC \
#	objtree=. [ARCH=...] KBUILD_BUILTIN=1 KBUILD_MODULES=1 gatherlint-objs
#
# prints "y OBJ" and "m OBJ" for each object built into the kernel or a
# module (the parts of composite objects included) and "sub DIR" for each
# subdirectory kbuild descends into.  The .config is read first, so that a
# tree configured but not yet prepared (no include/config/auto.conf) is
# read the same way; scripts/Makefile.build then reads auto.conf if there
# is one, and the directory's Kbuild or Makefile.

-include $(objtree)/.config
include $(srctree)/scripts/Makefile.build

.PHONY: gatherlint-objs
gatherlint-objs:
	@:$(foreach o,$(real-obj-y),$(info y $(o)))$(foreach o,$(real-obj-m),$(info m $(o)))$(foreach d,$(subdir-ym),$(info sub $(d)))
