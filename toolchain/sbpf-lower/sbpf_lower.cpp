// sbpf-lower: make a linked upstream-BPF LLVM module codegen-able by stock LLVM.
//
// Solana's LLVM fork extends the BPF backend with things the upstream backend
// (Debian's LLVM 22) refuses: more than five argument registers (it spills the
// rest to the stack), return values wider than one register, the `sret`
// attribute, every libcall, and atomics. This tool rewrites the whole-program
// module (after linking, before code generation) so that none of these remain:
//
//  1. Declarations stay external (the first link step internalizes them).
//  2. Atomics become their plain single-threaded equivalents.
//  3. Operations that legalize into libcalls become explicit calls to helper
//     functions defined in the module (solana-compiler-builtins provides them):
//     i128 mul/udiv/urem, f64 arithmetic and conversions, every f64 comparison
//     predicate. Checked u64 multiplication is expanded on 32-bit halves;
//     128-bit shifts by a variable amount into 64-bit shifts; f64 negation
//     into a sign-bit flip.
//  4. Variable-length (or longer than 256 bytes) memcpy/memmove/memset become
//     calls to the sol_memcpy_/sol_memmove_/sol_memset_ syscalls.
//  5. Every function type that needs more than five registers gets a new
//     signature: the leading arguments stay in registers, the rest are passed
//     in a struct through a pointer. A return value wider than 64 bits becomes
//     a pointer in the first argument. Definitions and every call site (direct
//     or indirect) are rewritten with the same rule, so function pointers stay
//     consistent. Finally the `sret` attribute is dropped on both sides.
//
// Usage: sbpf-lower <in.bc> <out.bc>
// Exit status 1 with a message naming the function for anything it cannot lower.

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/LowerAtomic.h"

#include <string>
#include <vector>

using namespace llvm;

namespace {

constexpr unsigned kArgRegs = 5;
constexpr uint64_t kInlineMemLimit = 256;  // bytes; longer constant copies use syscalls

[[noreturn]] void fail(const Twine &msg) {
  errs() << "sbpf-lower: " << msg << "\n";
  exit(1);
}

std::string where(Instruction &I) {
  return ("in function '" + I.getFunction()->getName() + "'").str();
}

// ---------------------------------------------------------------- helpers

FunctionCallee helper(Module &M, StringRef name, Type *ret, ArrayRef<Type *> params) {
  Function *F = M.getFunction(name);
  if (F && F->isDeclaration() && !name.starts_with("sol_"))
    fail("helper '" + name + "' is declared but not defined: link solana-compiler-builtins "
         "and keep it exported through the first link step");
  return M.getOrInsertFunction(name, FunctionType::get(ret, params, false));
}

// ------------------------------------------------------ 1. libcall lowering

void lowerUmulOverflow64(IntrinsicInst *II) {
  // Schoolbook multiplication on 32-bit halves, a = ah:al, b = bh:bl.
  // Overflow iff ah and bh are both non-zero, or the cross term ah*bl + al*bh
  // (one of them is zero when we get here) needs more than 32 bits, or adding
  // it, shifted, to al*bl carries. (A `(a*b)/a != b` check would be folded back
  // into umul.with.overflow by InstCombine in the final link step.)
  IRBuilder<> B(II);
  Value *A = II->getArgOperand(0), *Bv = II->getArgOperand(1);
  Type *I64 = B.getInt64Ty();
  Value *Mask = ConstantInt::get(I64, 0xffffffffULL), *K32 = ConstantInt::get(I64, 32);
  Value *Zero = ConstantInt::get(I64, 0);
  Value *Ah = B.CreateLShr(A, K32), *Al = B.CreateAnd(A, Mask);
  Value *Bh = B.CreateLShr(Bv, K32), *Bl = B.CreateAnd(Bv, Mask);
  Value *BothHigh = B.CreateAnd(B.CreateICmpNE(Ah, Zero), B.CreateICmpNE(Bh, Zero));
  Value *Cross = B.CreateAdd(B.CreateMul(Ah, Bl), B.CreateMul(Al, Bh));
  Value *CrossBig = B.CreateICmpUGT(Cross, Mask);
  Value *Low = B.CreateMul(Al, Bl);
  Value *Res = B.CreateAdd(Low, B.CreateShl(Cross, K32));
  Value *Carry = B.CreateICmpULT(Res, Low);
  Value *Ovf = B.CreateOr(B.CreateOr(BothHigh, CrossBig), Carry);
  Value *R = UndefValue::get(II->getType());
  R = B.CreateInsertValue(R, Res, 0);
  R = B.CreateInsertValue(R, Ovf, 1);
  II->replaceAllUsesWith(R);
  II->eraseFromParent();
}

void lowerSmulOverflow64(Module &M, IntrinsicInst *II) {
  IRBuilder<> B(II);
  Type *I128 = B.getInt128Ty();
  FunctionCallee Mul = helper(M, "__multi3", I128, {I128, I128});
  Value *P = B.CreateCall(Mul, {B.CreateSExt(II->getArgOperand(0), I128),
                                B.CreateSExt(II->getArgOperand(1), I128)});
  Value *Lo = B.CreateTrunc(P, B.getInt64Ty());
  Value *Ovf = B.CreateICmpNE(B.CreateSExt(Lo, I128), P);
  Value *R = UndefValue::get(II->getType());
  R = B.CreateInsertValue(R, Lo, 0);
  R = B.CreateInsertValue(R, Ovf, 1);
  II->replaceAllUsesWith(R);
  II->eraseFromParent();
}

void replaceWithCall(Module &M, Instruction *I, StringRef name, ArrayRef<Value *> args) {
  if (I->getFunction()->getName() == name)
    fail("helper '" + name + "' would call itself " + where(*I));
  std::vector<Type *> params;
  for (Value *V : args) params.push_back(V->getType());
  IRBuilder<> B(I);
  CallInst *C = B.CreateCall(helper(M, name, I->getType(), params), args);
  C->setDebugLoc(I->getDebugLoc());
  I->replaceAllUsesWith(C);
  I->eraseFromParent();
}

// A 128-bit shift by a variable amount legalizes into a libcall (__ashlti3 and
// friends); expand it into 64-bit shifts. For s in [0, 128): with m = s & 63,
// the bits crossing halves are (x >> 1) >> (63 - m), which avoids a shift by 64.
void lowerShift128(BinaryOperator *BO) {
  IRBuilder<> B(BO);
  Type *I64 = B.getInt64Ty(), *I128 = B.getInt128Ty();
  Value *X = BO->getOperand(0);
  Value *Lo = B.CreateTrunc(X, I64), *Hi = B.CreateTrunc(B.CreateLShr(X, 64), I64);
  Value *S = B.CreateTrunc(BO->getOperand(1), I64);
  Value *M = B.CreateAnd(S, 63), *Inv = B.CreateSub(B.getInt64(63), M);
  Value *Big = B.CreateICmpNE(B.CreateAnd(S, 64), B.getInt64(0));
  Value *NewLo, *NewHi;
  if (BO->getOpcode() == Instruction::Shl) {
    Value *LoSh = B.CreateShl(Lo, M);
    Value *Carry = B.CreateLShr(B.CreateLShr(Lo, 1), Inv);
    NewLo = B.CreateSelect(Big, B.getInt64(0), LoSh);
    NewHi = B.CreateSelect(Big, LoSh, B.CreateOr(B.CreateShl(Hi, M), Carry));
  } else {
    bool Arith = BO->getOpcode() == Instruction::AShr;
    Value *HiSh = Arith ? B.CreateAShr(Hi, M) : B.CreateLShr(Hi, M);
    Value *Carry = B.CreateShl(B.CreateShl(Hi, 1), Inv);
    NewLo = B.CreateSelect(Big, HiSh, B.CreateOr(B.CreateLShr(Lo, M), Carry));
    Value *Fill = Arith ? B.CreateAShr(Hi, 63) : B.getInt64(0);
    NewHi = B.CreateSelect(Big, Fill, HiSh);
  }
  Value *R = B.CreateOr(B.CreateShl(B.CreateZExt(NewHi, I128), 64), B.CreateZExt(NewLo, I128));
  BO->replaceAllUsesWith(R);
  BO->eraseFromParent();
}

// f64 comparisons through __gedf2/__gtdf2 (both false when unordered). Each
// unordered predicate is the negation of the opposite ordered one; `uno` and
// `ord` test the NaN bit pattern inline.
void lowerFcmp(Module &M, FCmpInst *C) {
  IRBuilder<> B(C);
  Type *D = B.getDoubleTy(), *I64 = B.getInt64Ty();
  FunctionCallee Ge = helper(M, "__gedf2", I64, {D, D});
  FunctionCallee Gt = helper(M, "__gtdf2", I64, {D, D});
  Value *X = C->getOperand(0), *Y = C->getOperand(1);
  Value *Zero = ConstantInt::get(I64, 0);
  auto ge = [&](Value *a, Value *b) { return B.CreateICmpSGE(B.CreateCall(Ge, {a, b}), Zero); };
  auto gt = [&](Value *a, Value *b) { return B.CreateICmpSGT(B.CreateCall(Gt, {a, b}), Zero); };
  auto isNan = [&](Value *v) {
    Value *Abs = B.CreateAnd(B.CreateBitCast(v, I64), B.getInt64(0x7fffffffffffffffULL));
    return B.CreateICmpUGT(Abs, B.getInt64(0x7ff0000000000000ULL));
  };
  Value *R;
  switch (C->getPredicate()) {
    case FCmpInst::FCMP_FALSE: R = B.getFalse(); break;
    case FCmpInst::FCMP_TRUE: R = B.getTrue(); break;
    case FCmpInst::FCMP_OGE: R = ge(X, Y); break;
    case FCmpInst::FCMP_OGT: R = gt(X, Y); break;
    case FCmpInst::FCMP_OLE: R = ge(Y, X); break;
    case FCmpInst::FCMP_OLT: R = gt(Y, X); break;
    case FCmpInst::FCMP_OEQ: R = B.CreateAnd(ge(X, Y), ge(Y, X)); break;
    case FCmpInst::FCMP_ONE: R = B.CreateOr(gt(X, Y), gt(Y, X)); break;
    case FCmpInst::FCMP_UNO: R = B.CreateOr(isNan(X), isNan(Y)); break;
    case FCmpInst::FCMP_ORD: R = B.CreateNot(B.CreateOr(isNan(X), isNan(Y))); break;
    case FCmpInst::FCMP_UGE: R = B.CreateNot(gt(Y, X)); break;
    case FCmpInst::FCMP_UGT: R = B.CreateNot(ge(Y, X)); break;
    case FCmpInst::FCMP_ULE: R = B.CreateNot(gt(X, Y)); break;
    case FCmpInst::FCMP_ULT: R = B.CreateNot(ge(X, Y)); break;
    case FCmpInst::FCMP_UEQ: R = B.CreateNot(B.CreateOr(gt(X, Y), gt(Y, X))); break;
    case FCmpInst::FCMP_UNE: R = B.CreateNot(B.CreateAnd(ge(X, Y), ge(Y, X))); break;
    default: fail("unsupported f64 comparison predicate " + where(*C));
  }
  C->replaceAllUsesWith(R);
  C->eraseFromParent();
}

void lowerLibcallOps(Module &M) {
  std::vector<Instruction *> work;
  for (Function &F : M) {
    if (F.isDeclaration()) continue;
    for (Instruction &I : instructions(F)) work.push_back(&I);
  }
  for (Instruction *I : work) {
    Type *T = I->getType();
    if (auto *BO = dyn_cast<BinaryOperator>(I)) {
      bool i128 = T->isIntegerTy(128), f64 = T->isDoubleTy();
      switch (BO->getOpcode()) {
        case Instruction::Mul: if (i128) replaceWithCall(M, I, "__multi3", {BO->getOperand(0), BO->getOperand(1)}); break;
        case Instruction::UDiv: if (i128) replaceWithCall(M, I, "__udivti3", {BO->getOperand(0), BO->getOperand(1)}); break;
        case Instruction::URem: if (i128) replaceWithCall(M, I, "__umodti3", {BO->getOperand(0), BO->getOperand(1)}); break;
        case Instruction::SDiv:
        case Instruction::SRem: if (i128) fail("signed 128-bit division " + where(*I)); break;
        case Instruction::FAdd: if (f64) replaceWithCall(M, I, "__adddf3", {BO->getOperand(0), BO->getOperand(1)}); break;
        case Instruction::FSub: if (f64) replaceWithCall(M, I, "__subdf3", {BO->getOperand(0), BO->getOperand(1)}); break;
        case Instruction::FMul: if (f64) replaceWithCall(M, I, "__muldf3", {BO->getOperand(0), BO->getOperand(1)}); break;
        case Instruction::FDiv: if (f64) replaceWithCall(M, I, "__divdf3", {BO->getOperand(0), BO->getOperand(1)}); break;
        case Instruction::Shl:
        case Instruction::LShr:
        case Instruction::AShr:
          if (i128 && !isa<ConstantInt>(BO->getOperand(1))) lowerShift128(BO);
          break;
        default:
          if (T->isFloatingPointTy()) fail("unsupported floating-point operation " + where(*I));
      }
    } else if (auto *UO = dyn_cast<UnaryOperator>(I)) {
      if (UO->getOpcode() == Instruction::FNeg && T->isDoubleTy()) {
        // Flip the sign bit: no helper needed.
        IRBuilder<> B(I);
        Value *Bits = B.CreateBitCast(UO->getOperand(0), B.getInt64Ty());
        Value *R = B.CreateBitCast(B.CreateXor(Bits, B.getInt64(1ULL << 63)), T);
        I->replaceAllUsesWith(R);
        I->eraseFromParent();
      }
    } else if (isa<UIToFPInst>(I) && T->isDoubleTy() && I->getOperand(0)->getType()->isIntegerTy(64)) {
      replaceWithCall(M, I, "__floatundidf", {I->getOperand(0)});
    } else if (isa<FPToUIInst>(I) && T->isIntegerTy(64) && I->getOperand(0)->getType()->isDoubleTy()) {
      replaceWithCall(M, I, "__fixunsdfdi", {I->getOperand(0)});
    } else if (isa<SIToFPInst>(I) || isa<FPToSIInst>(I) || isa<FPExtInst>(I) || isa<FPTruncInst>(I) ||
               isa<UIToFPInst>(I) || isa<FPToUIInst>(I)) {
      fail("unsupported floating-point conversion " + where(*I));
    } else if (auto *C = dyn_cast<FCmpInst>(I)) {
      if (!C->getOperand(0)->getType()->isDoubleTy()) fail("unsupported float comparison " + where(*I));
      lowerFcmp(M, C);
    } else if (auto *II = dyn_cast<IntrinsicInst>(I)) {
      Type *A0 = II->arg_size() ? II->getArgOperand(0)->getType() : nullptr;
      switch (II->getIntrinsicID()) {
        case Intrinsic::umul_with_overflow:
          if (A0->isIntegerTy(64)) lowerUmulOverflow64(II);
          else if (A0->getIntegerBitWidth() > 64) fail("checked multiplication wider than 64 bits " + where(*I));
          break;
        case Intrinsic::smul_with_overflow:
          if (A0->isIntegerTy(64)) lowerSmulOverflow64(M, II);
          else if (A0->getIntegerBitWidth() > 64) fail("checked multiplication wider than 64 bits " + where(*I));
          break;
        case Intrinsic::fptoui_sat:
          if (!(T->isIntegerTy(64) && A0->isDoubleTy())) fail("unsupported saturating conversion " + where(*I));
          // __fixunsdfdi saturates: negative and NaN give 0, too large gives u64::MAX.
          replaceWithCall(M, I, "__fixunsdfdi", {II->getArgOperand(0)});
          break;
        case Intrinsic::fptosi_sat:
          fail("unsupported saturating conversion " + where(*I));
        default:
          break;
      }
    }
  }
}

// ------------------------------------------------- 2. memory intrinsics

void lowerMemIntrinsics(Module &M) {
  std::vector<MemIntrinsic *> work;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *MI = dyn_cast<MemIntrinsic>(&I)) {
        auto *Len = dyn_cast<ConstantInt>(MI->getLength());
        if (!Len || Len->getZExtValue() > kInlineMemLimit) work.push_back(MI);
      }
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::getUnqual(Ctx), *I64 = Type::getInt64Ty(Ctx), *V = Type::getVoidTy(Ctx);
  for (MemIntrinsic *MI : work) {
    IRBuilder<> B(MI);
    Value *Len = B.CreateZExtOrTrunc(MI->getLength(), I64);
    CallInst *C;
    if (auto *MS = dyn_cast<MemSetInst>(MI)) {
      FunctionCallee F = helper(M, "sol_memset_", V, {Ptr, I64, I64});
      C = B.CreateCall(F, {MS->getDest(), B.CreateZExt(MS->getValue(), I64), Len});
    } else if (isa<MemMoveInst>(MI)) {
      FunctionCallee F = helper(M, "sol_memmove_", V, {Ptr, Ptr, I64});
      C = B.CreateCall(F, {MI->getDest(), cast<MemTransferInst>(MI)->getSource(), Len});
    } else if (isa<MemCpyInst>(MI)) {
      FunctionCallee F = helper(M, "sol_memcpy_", V, {Ptr, Ptr, I64});
      C = B.CreateCall(F, {MI->getDest(), cast<MemTransferInst>(MI)->getSource(), Len});
    } else {
      fail("unsupported memory intrinsic " + where(*MI));
    }
    C->setDebugLoc(MI->getDebugLoc());
    MI->eraseFromParent();
  }
}

// ------------------------------------------------------------- atomics

// A Solana program runs on one thread and SBPF has no atomic instructions:
// every atomic becomes its plain single-threaded equivalent.
void lowerAtomics(Module &M) {
  std::vector<Instruction *> work;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (I.isAtomic()) work.push_back(&I);
  for (Instruction *I : work) {
    if (auto *RMW = dyn_cast<AtomicRMWInst>(I)) lowerAtomicRMWInst(RMW);
    else if (auto *CX = dyn_cast<AtomicCmpXchgInst>(I)) lowerAtomicCmpXchgInst(CX);
    else if (auto *L = dyn_cast<LoadInst>(I)) L->setAtomic(AtomicOrdering::NotAtomic);
    else if (auto *S = dyn_cast<StoreInst>(I)) S->setAtomic(AtomicOrdering::NotAtomic);
    else if (isa<FenceInst>(I)) I->eraseFromParent();
    else fail("unsupported atomic instruction " + where(*I));
  }
}

// ---------------------------------------------------- 3. calling convention

bool inRegister(Type *T, const DataLayout &DL) {
  if (T->isPointerTy()) return true;
  if ((T->isIntegerTy() || T->isFloatingPointTy()) && DL.getTypeSizeInBits(T).getFixedValue() <= 64)
    return true;
  return false;
}

unsigned regsFor(Type *T, const DataLayout &DL) {
  if (inRegister(T, DL)) return 1;
  if (T->isIntegerTy(128)) return 2;
  return 100;  // aggregates and vectors always go through memory
}

struct Plan {
  bool sret = false;
  unsigned keep = 0;  // leading parameters kept in registers
  bool pack = false;
  StructType *packTy = nullptr;
  FunctionType *newTy = nullptr;
  bool changes() const { return sret || pack; }
};

Plan plan(FunctionType *FT, const DataLayout &DL) {
  Plan P;
  LLVMContext &Ctx = FT->getContext();
  Type *Ret = FT->getReturnType();
  P.sret = !Ret->isVoidTy() && !inRegister(Ret, DL);
  unsigned regs = P.sret ? 1 : 0, total = regs;
  for (Type *T : FT->params()) total += regsFor(T, DL);
  P.keep = FT->getNumParams();
  if (total > kArgRegs) {
    P.pack = true;
    P.keep = 0;
    while (P.keep < FT->getNumParams() && regs + regsFor(FT->getParamType(P.keep), DL) <= kArgRegs - 1) {
      regs += regsFor(FT->getParamType(P.keep), DL);
      ++P.keep;
    }
    std::vector<Type *> rest(FT->param_begin() + P.keep, FT->param_end());
    P.packTy = StructType::get(Ctx, rest);
  }
  if (!P.changes()) return P;
  if (FT->isVarArg()) return P;  // newTy stays null: callers refuse with a message
  std::vector<Type *> params;
  Type *Ptr = PointerType::getUnqual(Ctx);
  if (P.sret) params.push_back(Ptr);
  params.insert(params.end(), FT->param_begin(), FT->param_begin() + P.keep);
  if (P.pack) params.push_back(Ptr);
  P.newTy = FunctionType::get(P.sret ? Type::getVoidTy(Ctx) : Ret, params, false);
  return P;
}

AttributeList keptAttrs(LLVMContext &Ctx, AttributeList Old, const Plan &P) {
  std::vector<AttributeSet> params;
  if (P.sret) params.push_back(AttributeSet());
  for (unsigned i = 0; i < P.keep; ++i) params.push_back(Old.getParamAttrs(i));
  if (P.pack) params.push_back(AttributeSet());
  AttributeSet ret = P.sret ? AttributeSet() : Old.getRetAttrs();
  return AttributeList::get(Ctx, Old.getFnAttrs(), ret, params);
}

AllocaInst *entryAlloca(Function *F, Type *T, const Twine &name) {
  IRBuilder<> EB(&*F->getEntryBlock().getFirstInsertionPt());
  return EB.CreateAlloca(T, nullptr, name);
}

void rewriteDefinition(Function *F, const Plan &P) {
  Module &M = *F->getParent();
  LLVMContext &Ctx = M.getContext();
  if (F->hasFnAttribute(Attribute::Naked)) fail("naked function '" + F->getName() + "'");
  for (unsigned i = 0; i < F->arg_size(); ++i)
    if (F->hasParamAttribute(i, Attribute::ByVal) || F->hasParamAttribute(i, Attribute::InAlloca))
      fail("by-value aggregate parameter in function '" + F->getName() + "'");
  Function *NF = Function::Create(P.newTy, F->getLinkage(), F->getAddressSpace(), "", &M);
  NF->setAttributes(keptAttrs(Ctx, F->getAttributes(), P));
  NF->setCallingConv(F->getCallingConv());
  NF->setVisibility(F->getVisibility());
  NF->setUnnamedAddr(F->getUnnamedAddr());
  NF->setSection(F->getSection());
  NF->setAlignment(F->getAlign());
  NF->setComdat(F->getComdat());
  NF->setSubprogram(F->getSubprogram());
  NF->takeName(F);
  NF->splice(NF->begin(), F);

  auto NA = NF->arg_begin();
  Argument *Sret = P.sret ? &*NA++ : nullptr;
  for (unsigned i = 0; i < P.keep; ++i, ++NA) {
    F->getArg(i)->replaceAllUsesWith(&*NA);
    NA->takeName(F->getArg(i));
  }
  if (P.pack) {
    Argument *Pack = &*NA;
    IRBuilder<> B(&*NF->getEntryBlock().getFirstInsertionPt());
    for (unsigned j = 0; j + P.keep < F->arg_size(); ++j) {
      Argument *Old = F->getArg(P.keep + j);
      Value *L = B.CreateLoad(Old->getType(), B.CreateStructGEP(P.packTy, Pack, j), Old->getName());
      Old->replaceAllUsesWith(L);
    }
  }
  if (Sret) {
    std::vector<ReturnInst *> rets;
    for (BasicBlock &BB : *NF)
      if (auto *R = dyn_cast<ReturnInst>(BB.getTerminator())) rets.push_back(R);
    for (ReturnInst *R : rets) {
      IRBuilder<> B(R);
      B.CreateStore(R->getReturnValue(), Sret);
      B.CreateRetVoid()->setDebugLoc(R->getDebugLoc());
      R->eraseFromParent();
    }
  }
  F->replaceAllUsesWith(NF);
  F->eraseFromParent();
}

void rewriteCall(CallBase *CB, const Plan &P) {
  if (!isa<CallInst>(CB)) fail("invoke or callbr " + where(*CB));
  auto *CI = cast<CallInst>(CB);
  if (CI->isMustTailCall()) fail("musttail call " + where(*CB));
  FunctionType *FT = CB->getFunctionType();
  Function *Caller = CB->getFunction();
  IRBuilder<> B(CB);
  std::vector<Value *> args;
  AllocaInst *Sret = nullptr;
  if (P.sret) {
    Sret = entryAlloca(Caller, FT->getReturnType(), "sret");
    args.push_back(Sret);
  }
  for (unsigned i = 0; i < P.keep; ++i) args.push_back(CB->getArgOperand(i));
  if (P.pack) {
    AllocaInst *Pack = entryAlloca(Caller, P.packTy, "args");
    for (unsigned j = 0; j + P.keep < CB->arg_size(); ++j)
      B.CreateStore(CB->getArgOperand(P.keep + j), B.CreateStructGEP(P.packTy, Pack, j));
    args.push_back(Pack);
  }
  CallInst *NC = B.CreateCall(P.newTy, CB->getCalledOperand(), args);
  NC->setCallingConv(CB->getCallingConv());
  NC->setAttributes(keptAttrs(CB->getContext(), CB->getAttributes(), P));
  NC->setTailCallKind(CallInst::TCK_None);
  NC->setDebugLoc(CB->getDebugLoc());
  if (Sret) {
    Value *R = B.CreateLoad(FT->getReturnType(), Sret);
    CB->replaceAllUsesWith(R);
  } else if (!CB->getType()->isVoidTy()) {
    CB->replaceAllUsesWith(NC);
  }
  CB->eraseFromParent();
}

// The BPF backend rejects any function with an `sret` parameter, although the
// pointer travels in an ordinary register. Every caller and callee is in this
// module, so dropping the attribute on both sides changes nothing else.
void stripStructRet(Module &M) {
  for (Function &F : M) {
    for (unsigned i = 0; i < F.arg_size(); ++i) F.removeParamAttr(i, Attribute::StructRet);
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        for (unsigned i = 0; i < CB->arg_size(); ++i) CB->removeParamAttr(i, Attribute::StructRet);
  }
}

void lowerCallingConvention(Module &M) {
  const DataLayout &DL = M.getDataLayout();
  std::vector<std::pair<Function *, Plan>> defs;
  for (Function &F : M) {
    if (F.isIntrinsic()) continue;
    Plan P = plan(F.getFunctionType(), DL);
    if (!P.changes()) continue;
    if (!P.newTy) fail("variadic function '" + F.getName() + "' needs more than five registers");
    if (F.isDeclaration() && !F.use_empty())
      fail("external function '" + F.getName() + "' needs more than five registers or returns a wide value");
    if (!F.isDeclaration()) defs.emplace_back(&F, P);
  }
  std::vector<std::pair<CallBase *, Plan>> calls;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (CB->isInlineAsm()) continue;
        if (Function *Callee = CB->getCalledFunction(); Callee && Callee->isIntrinsic()) continue;
        Plan P = plan(CB->getFunctionType(), DL);
        if (P.changes()) {
          if (!P.newTy) fail("variadic call needs more than five registers " + where(I));
          calls.emplace_back(CB, P);
        }
      }
  for (auto &[CB, P] : calls) rewriteCall(CB, P);
  for (auto &[F, P] : defs) rewriteDefinition(F, P);
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    errs() << "usage: sbpf-lower <in.bc> <out.bc>\n";
    return 2;
  }
  LLVMContext Ctx;
  SMDiagnostic Err;
  std::unique_ptr<Module> M = parseIRFile(argv[1], Err, Ctx);
  if (!M) {
    Err.print("sbpf-lower", errs());
    return 1;
  }
  // The first link step internalizes every non-exported symbol, declarations
  // (syscalls) included; a declaration must stay external.
  for (Function &F : *M)
    if (F.isDeclaration() && !F.isIntrinsic()) F.setLinkage(GlobalValue::ExternalLinkage);
  lowerAtomics(*M);
  lowerLibcallOps(*M);
  lowerMemIntrinsics(*M);
  lowerCallingConvention(*M);
  stripStructRet(*M);
  std::string msg;
  raw_string_ostream os(msg);
  if (verifyModule(*M, &os)) fail("the lowered module is invalid:\n" + os.str());
  std::error_code EC;
  raw_fd_ostream out(argv[2], EC, sys::fs::OF_None);
  if (EC) fail("cannot write " + Twine(argv[2]) + ": " + EC.message());
  WriteBitcodeToFile(*M, out);
  return 0;
}
