addEventListener("beforeprint",function(){document.querySelectorAll("details").forEach(function(d){d.open=true})});
// A reviewer's decisions (确认 / 非问题 and a note per finding): kept in this browser under the
// run's key, exported as the JSON file `auditor check --decisions FILE` reads.
addEventListener("DOMContentLoaded",function(){
  var bar=document.getElementById("review");
  if(!bar)return;
  var key="auditor-decisions:"+bar.dataset.run,items=[].slice.call(document.querySelectorAll("li[data-fp]")),saved={};
  try{saved=JSON.parse(localStorage.getItem(key)||"{}")}catch(e){}
  function id(li){return li.dataset.path+"\n"+li.dataset.fp}
  function note(li){return li.querySelector(".decide textarea")}
  function show(li){
    li.querySelectorAll(".decide button").forEach(function(b){b.setAttribute("aria-pressed",String(b.value===li.dataset.decision))});
    li.classList.toggle("decided-confirmed",li.dataset.decision==="confirmed");
    li.classList.toggle("decided-dismissed",li.dataset.decision==="dismissed");
  }
  function decided(){return items.filter(function(li){return li.dataset.decision})}
  function count(){
    var all=decided(),n=function(d){return all.filter(function(li){return li.dataset.decision===d}).length};
    document.getElementById("decided").textContent=bar.dataset.status.replace("{count}",all.length)
      .replace("{confirmed}",n("confirmed")).replace("{dismissed}",n("dismissed"));
  }
  function store(){
    var kept={};
    items.forEach(function(li){kept[id(li)]={decision:li.dataset.decision,note:note(li).value}});
    try{localStorage.setItem(key,JSON.stringify(kept))}catch(e){}
    count();
  }
  items.forEach(function(li){
    var was=saved[id(li)];
    if(was){li.dataset.decision=was.decision||"";note(li).value=was.note||""}
    show(li);
    li.querySelectorAll(".decide button").forEach(function(b){b.addEventListener("click",function(){
      li.dataset.decision=li.dataset.decision===b.value?"":b.value;show(li);store()})});
    note(li).addEventListener("input",store);
  });
  count();
  document.getElementById("export").addEventListener("click",function(){
    var decisions=decided().map(function(li){return{path:li.dataset.path,rule:li.dataset.rule,fingerprint:li.dataset.fp,
      decision:li.dataset.decision,note:note(li).value.trim(),message:li.querySelector(".message").textContent}});
    var text=JSON.stringify({tool:"auditor",kind:"decisions",version:1,run:bar.dataset.run,decisions:decisions},null,2);
    var link=document.createElement("a"),url=URL.createObjectURL(new Blob([text+"\n"],{type:"application/json"}));
    link.download=bar.dataset.file;link.href=url;document.body.appendChild(link);link.click();link.remove();
    setTimeout(function(){URL.revokeObjectURL(url)},1000);
  });
});
